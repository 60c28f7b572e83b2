/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-bench"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Writes a large, valid format-1 price sheet for the import benchmark:
 *
 *   gen-sheet OUTPUT [OFFERS]
 *
 * The same OFFERS always gives the same file (fixed seed), so runs can be compared. */

#define DEFAULT_OFFERS 1000000
#define SEED 20260101
#define OUTPUT_BUFFER (1024 * 1024)

typedef struct
{
  const char *code;
  const char *name;
  const char *geography;
  guint       markup;    /* percent of the US price */
} Region;

static const Region regions[] = {
  { "us-east-1", "US East (N. Virginia)", "US", 100 },
  { "us-east-2", "US East (Ohio)", "US", 100 },
  { "us-west-1", "US West (N. California)", "US", 112 },
  { "us-west-2", "US West (Oregon)", "US", 100 },
  { "us-central-1", "US Central (Iowa)", "US", 100 },
  { "ca-central-1", "Canada (Montréal)", "CA", 108 },
  { "ca-west-1", "Canada West (Calgary)", "CA", 110 },
  { "sa-east-1", "South America (São Paulo)", "SA", 158 },
  { "eu-west-1", "Europe (Ireland)", "EU", 108 },
  { "eu-west-2", "Europe (London)", "EU", 114 },
  { "eu-west-3", "Europe (Paris)", "EU", 116 },
  { "eu-central-1", "Europe (Frankfurt)", "EU", 117 },
  { "eu-central-2", "Europe (Zurich)", "EU", 128 },
  { "eu-north-1", "Europe (Stockholm)", "EU", 104 },
  { "eu-south-1", "Europe (Milan)", "EU", 118 },
  { "eu-south-2", "Europe (Spain)", "EU", 112 },
  { "me-central-1", "Middle East (UAE)", "ME", 122 },
  { "me-south-1", "Middle East (Bahrain)", "ME", 121 },
  { "il-central-1", "Israel (Tel Aviv)", "ME", 120 },
  { "af-south-1", "Africa (Cape Town)", "AF", 134 },
  { "ap-east-1", "Asia Pacific (Hong Kong)", "APAC", 136 },
  { "ap-south-1", "Asia Pacific (Mumbai)", "APAC", 105 },
  { "ap-south-2", "Asia Pacific (Hyderabad)", "APAC", 105 },
  { "ap-northeast-1", "Asia Pacific (Tokyo)", "APAC", 126 },
  { "ap-northeast-2", "Asia Pacific (Seoul)", "APAC", 122 },
  { "ap-northeast-3", "Asia Pacific (Osaka)", "APAC", 126 },
  { "ap-southeast-1", "Asia Pacific (Singapore)", "APAC", 120 },
  { "ap-southeast-2", "Asia Pacific (Sydney)", "APAC", 124 },
  { "ap-southeast-3", "Asia Pacific (Jakarta)", "APAC", 120 },
  { "ap-southeast-4", "Asia Pacific (Melbourne)", "APAC", 124 },
};

typedef enum
{
  KIND_VM,
  KIND_GPU,
  KIND_BLOCK,
  KIND_OBJECT,
  KIND_DATABASE,
} Kind;

typedef struct
{
  const char *id;
  const char *name;
  const char *category;
  const char *sla;
  Kind        kind;
  guint       share;    /* per mille of the offers */
} Service;

static const Service services[] = {
  { "vm", "Virtual Machines", "compute", "99.99", KIND_VM, 620 },
  { "gpu", "GPU Instances", "compute", "99.9", KIND_GPU, 30 },
  { "block", "Block Storage", "storage", "99.999", KIND_BLOCK, 100 },
  { "objects", "Object Storage", "storage", "99.9", KIND_OBJECT, 50 },
  { "sql", "Managed SQL", "database", "99.95", KIND_DATABASE, 200 },
};

typedef struct
{
  const char *prefix;
  const char *family;
  guint       gib_per_vcpu;   /* 0 for the burstable family, whose memory is set apart */
} Family;

static const Family vm_families[] = {
  { "g", "General purpose", 4 },
  { "c", "Compute optimized", 2 },
  { "m", "Memory optimized", 8 },
  { "x", "Memory intensive", 16 },
  { "t", "Burstable", 0 },
};

/* Most instances are small, as in real price lists. */
static const guint vcpu_sizes[] = { 1, 2, 2, 4, 4, 4, 8, 8, 8, 16, 16, 24, 32, 48, 64, 96, 128 };
static const guint gpu_vcpus[] = { 4, 8, 12, 24, 48, 96 };

static const char * const networks[] = {
  "Up to 5 Gbps", "Up to 12.5 Gbps", "25 Gbps", "50 Gbps", "100 Gbps",
};

typedef struct
{
  GRand   *rand;
  GString *line;
  guint    counter;
} Gen;

/* Amounts are kept in ten-thousandths so that the text is exact and locale-free. */
static void
append_money (GString *s,
              gint64   ten_thousandths)
{
  g_string_append_printf (s, "%" G_GINT64_FORMAT ".%04d", ten_thousandths / 10000,
                          (int) (ten_thousandths % 10000));
}

static void
append_price (GString    *s,
              const char *unit,
              const char *term,
              gint64      amount)
{
  g_string_append_printf (s, "<price unit=\"%s\" term=\"%s\" amount=\"", unit, term);
  append_money (s, amount);
  g_string_append (s, "\"/>");
}

static void
append_reserved (GString *s,
                 guint    years,
                 gint64   amount)
{
  g_string_append_printf (s, "<price unit=\"hour\" term=\"reserved\" years=\"%u\" amount=\"",
                          years);
  append_money (s, amount);
  g_string_append (s, "\"/>");
}

static void
append_reserved_all_upfront (GString *s,
                             guint    years,
                             gint64   hourly)
{
  /* An all-upfront reservation is the discounted hourly price paid in advance. */
  gint64 fee = hourly * 24 * 365 * years / 10000;

  g_string_append_printf (s, "<price unit=\"hour\" term=\"reserved\" years=\"%u\" "
                          "upfront=\"all\" upfront-fee=\"%" G_GINT64_FORMAT "\" amount=\"0\"/>",
                          years, fee);
}

/* Hourly prices of compute-like offers: on-demand always, then some of spot and reserved. */
static void
append_hourly_prices (Gen     *gen,
                      gint64   on_demand,
                      gboolean spot_allowed)
{
  GString *s = gen->line;

  append_price (s, "hour", "on-demand", on_demand);
  if (spot_allowed && g_rand_int_range (gen->rand, 0, 100) < 25)
    append_price (s, "hour", "spot", MAX (1, on_demand * g_rand_int_range (gen->rand, 25, 45)
                                              / 100));
  if (g_rand_int_range (gen->rand, 0, 100) < 30)
    append_reserved (s, 1, MAX (1, on_demand * 62 / 100));
  if (g_rand_int_range (gen->rand, 0, 100) < 10)
    append_reserved_all_upfront (s, 3, on_demand * 40 / 100);
}

static void
begin_offer (Gen          *gen,
             const char   *name,
             const Region *region,
             const char   *suffix)
{
  g_string_append_printf (gen->line, "    <offer sku=\"%s-%s%s-%u\" name=\"%s\" region=\"%s\"",
                          name, region->code, suffix, ++gen->counter, name, region->code);
}

static void
write_vm (Gen          *gen,
          const Region *region)
{
  const Family *f = &vm_families[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (vm_families))];
  gboolean windows = g_rand_int_range (gen->rand, 0, 100) < 20;
  guint generation = g_rand_int_range (gen->rand, 5, 9);
  guint vcpu, memory_milli;
  gint64 on_demand;
  g_autofree char *name = NULL;

  if (f->gib_per_vcpu == 0)
    {
      vcpu = g_rand_int_range (gen->rand, 1, 3);
      memory_milli = 500u << g_rand_int_range (gen->rand, 0, 4);
    }
  else
    {
      vcpu = vcpu_sizes[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (vcpu_sizes))];
      memory_milli = vcpu * f->gib_per_vcpu * 1000;
    }
  name = g_strdup_printf ("%s%u.%u", f->prefix, generation, vcpu);

  /* List prices: about $0.025 per vCPU-hour and $0.0035 per GiB-hour, plus the OS licence. */
  on_demand = (gint64) vcpu * 250 + (gint64) memory_milli * 35 / 1000;
  on_demand = on_demand * (100 - (generation - 5) * 4) / 100;
  if (windows)
    on_demand += (gint64) vcpu * 460;
  on_demand = on_demand * region->markup / 100;

  begin_offer (gen, name, region, windows ? "-win" : "");
  g_string_append_printf (gen->line, " family=\"%s\" vcpu=\"%u\" memory-gib=\"%u", f->family,
                          vcpu, memory_milli / 1000);
  if (memory_milli % 1000 != 0)
    g_string_append_printf (gen->line, ".%u", memory_milli % 1000 / 100);
  g_string_append_printf (gen->line, "\" gpu=\"0\" storage-type=\"%s\" os=\"%s\">\n      ",
                          vcpu >= 16 ? "nvme" : "network", windows ? "windows" : "linux");
  if (g_rand_int_range (gen->rand, 0, 100) < 50)
    g_string_append_printf (gen->line, "<feature key=\"network\" value=\"%s\"/>",
                            networks[MIN (vcpu / 16, G_N_ELEMENTS (networks) - 1)]);
  append_hourly_prices (gen, on_demand, TRUE);
}

static void
write_gpu (Gen          *gen,
           const Region *region)
{
  guint size = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (gpu_vcpus));
  guint vcpu = gpu_vcpus[size];
  guint gpus = MAX (1, vcpu / 12);
  gint64 on_demand = ((gint64) gpus * 24000 + (gint64) vcpu * 300) * region->markup / 100;
  g_autofree char *name = g_strdup_printf ("p5.%ugpu", gpus);

  begin_offer (gen, name, region, "");
  g_string_append_printf (gen->line, " family=\"Accelerated computing\" vcpu=\"%u\" "
                          "memory-gib=\"%u\" gpu=\"%u\" storage-type=\"nvme\" os=\"linux\">\n"
                          "      <feature key=\"accelerator\" value=\"NVIDIA H100 80 GB\"/>",
                          vcpu, vcpu * 8, gpus);
  append_hourly_prices (gen, on_demand, TRUE);
}

static void
write_block (Gen          *gen,
             const Region *region)
{
  static const char * const types[] = { "ssd", "hdd", "nvme" };
  static const gint64 per_gb[] = { 800, 450, 1250 };
  guint type = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (types));
  gboolean provisioned = g_rand_int_range (gen->rand, 0, 100) < 30;
  g_autofree char *name = g_strdup_printf ("%s-%s", types[type],
                                           provisioned ? "provisioned" : "standard");

  begin_offer (gen, name, region, "");
  g_string_append_printf (gen->line, " family=\"%s\" storage-type=\"%s\">\n      ",
                          provisioned ? "Provisioned IOPS storage" : "Standard storage",
                          types[type]);
  append_price (gen->line, "gb-month", "on-demand", per_gb[type] * region->markup / 100);
  if (provisioned)
    append_price (gen->line, "iops-month", "on-demand", 50 * region->markup / 100);
}

static void
write_object (Gen          *gen,
              const Region *region)
{
  static const char * const classes[] = { "standard", "infrequent", "archive" };
  static const gint64 per_gb[] = { 230, 125, 36 };
  guint c = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (classes));
  gint64 first = per_gb[c] * region->markup / 100;
  g_autofree char *name = g_strdup_printf ("objects-%s", classes[c]);

  begin_offer (gen, name, region, "");
  g_string_append_printf (gen->line, " family=\"Object storage\" storage-type=\"object-%s\">\n"
                          "      <price unit=\"gb-month\" term=\"on-demand\" "
                          "free-quantity=\"5\">", classes[c]);
  g_string_append (gen->line, "<tier from=\"0\" to=\"51200\" amount=\"");
  append_money (gen->line, first);
  g_string_append (gen->line, "\"/><tier from=\"51200\" to=\"512000\" amount=\"");
  append_money (gen->line, first * 96 / 100);
  g_string_append (gen->line, "\"/><tier from=\"512000\" amount=\"");
  append_money (gen->line, first * 91 / 100);
  g_string_append (gen->line, "\"/></price>");
  append_price (gen->line, "10k-requests", "on-demand", 40);
}

static void
write_database (Gen          *gen,
                const Region *region)
{
  static const char * const engines[] = { "postgres", "mysql", "sqlserver" };
  static const char * const suffixes[] = { "-pg", "-my", "-ms" };
  guint engine = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (engines));
  gboolean memory_optimized = g_rand_boolean (gen->rand);
  guint vcpu = vcpu_sizes[g_rand_int_range (gen->rand, 1, G_N_ELEMENTS (vcpu_sizes))];
  guint memory = vcpu * (memory_optimized ? 8 : 4);
  gint64 on_demand = ((gint64) vcpu * 420 + (gint64) memory * 55) * region->markup / 100;
  g_autofree char *name = g_strdup_printf ("db.%s%u.%u", memory_optimized ? "r" : "m",
                                           g_rand_int_range (gen->rand, 5, 8), vcpu);

  if (g_str_equal (engines[engine], "sqlserver"))
    on_demand += (gint64) vcpu * 1200;
  begin_offer (gen, name, region, suffixes[engine]);
  g_string_append_printf (gen->line, " family=\"%s\" vcpu=\"%u\" memory-gib=\"%u\" "
                          "storage-type=\"ssd\">\n      <feature key=\"engine\" value=\"%s\"/>",
                          memory_optimized ? "Memory optimized" : "General purpose",
                          vcpu, memory, engines[engine]);
  append_hourly_prices (gen, on_demand, FALSE);
}

static gboolean
write_sheet (FILE  *out,
             guint  offers)
{
  Gen gen = { g_rand_new_with_seed (SEED), g_string_sized_new (1024), 0 };
  guint written = 0;

  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!-- Generated by tests/bench/gen-sheet for the import benchmark. -->\n"
         "<price-sheet xmlns=\"urn:skytally:price-sheet:1\" format=\"1\">\n"
         "  <provider id=\"benchcloud\" name=\"Bench Cloud\"/>\n"
         "  <sheet version=\"2026.1\" effective-date=\"2026-01-01\" currency=\"USD\"/>\n"
         "  <source retrieved=\"2026-01-01\" url=\"https://example.com/benchcloud\">"
         "Synthetic prices written by gen-sheet.</source>\n", out);
  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    fprintf (out, "  <region code=\"%s\" name=\"%s\" geography=\"%s\"/>\n",
             regions[i].code, regions[i].name, regions[i].geography);

  for (gsize i = 0; i < G_N_ELEMENTS (services); i++)
    {
      const Service *service = &services[i];
      guint count = i + 1 < G_N_ELEMENTS (services)
                    ? (guint) ((guint64) offers * service->share / 1000)
                    : offers - written;

      fprintf (out, "  <service id=\"%s\" name=\"%s\" category=\"%s\" sla=\"%s\">\n",
               service->id, service->name, service->category, service->sla);
      for (guint n = 0; n < count; n++)
        {
          const Region *region = &regions[g_rand_int_range (gen.rand, 0,
                                                            G_N_ELEMENTS (regions))];

          g_string_truncate (gen.line, 0);
          switch (service->kind)
            {
            case KIND_VM:
              write_vm (&gen, region);
              break;
            case KIND_GPU:
              write_gpu (&gen, region);
              break;
            case KIND_BLOCK:
              write_block (&gen, region);
              break;
            case KIND_OBJECT:
              write_object (&gen, region);
              break;
            case KIND_DATABASE:
            default:
              write_database (&gen, region);
              break;
            }
          g_string_append (gen.line, "</offer>\n");
          fwrite (gen.line->str, 1, gen.line->len, out);
        }
      written += count;
      fputs ("  </service>\n", out);
    }
  fputs ("</price-sheet>\n", out);

  g_string_free (gen.line, TRUE);
  g_rand_free (gen.rand);
  return !ferror (out);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  guint64 offers = DEFAULT_OFFERS;
  gboolean ok;
  FILE *out;
  int saved;

  /* An option is not a file name: "--help" asks for the usage, not a sheet of that name. */
  if (argc == 2 && g_str_equal (argv[1], "--help"))
    {
      g_print ("Usage: gen-sheet OUTPUT [OFFERS]\n");
      return 0;
    }
  if (argc < 2 || argc > 3 || argv[1][0] == '-')
    {
      g_printerr ("Usage: gen-sheet OUTPUT [OFFERS]\n");
      return 2;
    }
  if (argc == 3 &&
      !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &offers, &error))
    {
      g_printerr ("gen-sheet: %s\n", error->message);
      return 2;
    }

  out = g_fopen (argv[1], "w");
  if (out == NULL)
    {
      saved = errno;
      g_printerr ("gen-sheet: cannot create %s: %s\n", argv[1], g_strerror (saved));
      return 1;
    }
  setvbuf (out, NULL, _IOFBF, OUTPUT_BUFFER);
  ok = write_sheet (out, (guint) offers);
  if (fclose (out) != 0)
    ok = FALSE;
  if (!ok)
    {
      saved = errno;
      g_printerr ("gen-sheet: cannot write %s: %s\n", argv[1], g_strerror (saved));
      return 1;
    }
  return 0;
}
