/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sky-file-writer.h"
#include "sky-source-private.h"

/* A conversion: the converter writes the sheet to a temporary file through the sheet writer;
 * the sheet is read back with the core's reader, which checks it as an import would; only
 * then is it copied to its place, which is replaced atomically. A failure, a bad row (unless
 * they are skipped) or a cancel leaves that place as it was. */

G_DEFINE_QUARK (sky-source-error-quark, sky_source_error)

typedef struct
{
  SkySourceFormat format;
  SkyConvertFunc  convert;
} Format;

static const Format formats[] = {
  { { "digitalocean-json", N_("DigitalOcean API /v2/sizes and /v2/regions (JSON)"), TRUE, NULL },
    _sky_convert_digitalocean_json },
  { { "gcp-skus-json", N_("Google Cloud Billing Catalog API SKU pages (JSON)"), TRUE, NULL },
    _sky_convert_gcp_skus_json },
#ifdef HAVE_YAML
  { { "gcp-pricing-yml", N_("Google Cloud pricing.yml of Cyclenerd's pricing calculator (YAML)"),
      TRUE, NULL },
    _sky_convert_gcp_pricing_yml },
#else
  { { "gcp-pricing-yml", N_("Google Cloud pricing.yml of Cyclenerd's pricing calculator (YAML)"),
      FALSE, "libyaml" },
    NULL },
#endif
#ifdef HAVE_CSV
  { { "aws-offer-csv",
      N_("AWS Price List bulk offer files: EC2, EBS, RDS, S3, Lambda, data transfer (CSV)"),
      TRUE, NULL },
    _sky_convert_aws_offer_csv },
  { { "aws-savings-plans-csv",
      N_("AWS Savings Plans rate file, with the EC2 offer files it discounts (CSV)"), TRUE, NULL },
    _sky_convert_aws_savings_plans_csv },
#else
  { { "aws-offer-csv",
      N_("AWS Price List bulk offer files: EC2, EBS, RDS, S3, Lambda, data transfer (CSV)"),
      FALSE, "libcsv" },
    NULL },
  { { "aws-savings-plans-csv",
      N_("AWS Savings Plans rate file, with the EC2 offer files it discounts (CSV)"), FALSE,
      "libcsv" },
    NULL },
#endif
  { { "azure-retail-json", N_("Azure Retail Prices API pages (JSON)"), TRUE, NULL },
    _sky_convert_azure_retail_json },
};

guint
sky_source_n_formats (void)
{
  return G_N_ELEMENTS (formats);
}

const SkySourceFormat *
sky_source_nth_format (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (formats), NULL);
  return &formats[index].format;
}

static const Format *
find (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].format.id, id) == 0)
      return &formats[i];
  return NULL;
}

const SkySourceFormat *
sky_source_find_format (const char *id)
{
  const Format *format;

  g_return_val_if_fail (id != NULL, NULL);

  format = find (id);
  return format != NULL ? &format->format : NULL;
}

/* Rules the converters share ---------------------------------------------------------------- */

/* A bad row at @where: an error that refuses the conversion, or, with skip_bad_rows, a row
 * counted and listed in the summary under its message. FALSE when the conversion stops. */
gboolean
_sky_convert_bad_row (SkyConvertContext  *context,
                      const char         *where,
                      GError            **error,
                      const char         *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (context->options->skip_bad_rows)
    {
      sky_convert_summary_skip (context->summary, message, where);
      return TRUE;
    }
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW,
               /* Translators: “FILE:LINE: what is wrong (--skip-bad-rows …)” */
               _("%s: %s (--skip-bad-rows skips such rows and lists them)"), where, message);
  return FALSE;
}

gboolean
_sky_convert_cancelled (SkyConvertContext  *context,
                        GError            **error)
{
  return g_cancellable_set_error_if_cancelled (context->cancellable, error);
}

gboolean
_sky_convert_end_offer (SkyConvertContext  *context,
                        GError            **error)
{
  guint prices = sky_sheet_writer_end_offer (context->writer, error);

  if (prices == 0)
    return FALSE;
  sky_convert_summary_add_offer (context->summary, prices);
  return TRUE;
}

/* A date given as an option: YYYY-MM-DD, a real day. */
gboolean
_sky_convert_check_date (const char  *text,
                         const char  *option,
                         GError     **error)
{
  int year, month, day;
  char end;

  if (text == NULL ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_INVALID_OPTION,
                   /* Translators: %s is an option's name, such as --effective-date. */
                   _("%s must be a date, YYYY-MM-DD"), option);
      return FALSE;
    }
  return TRUE;
}

/* The day @path was last modified (UTC), YYYY-MM-DD: the file's own date where its contents
 * give none. */
char *
_sky_convert_file_date (const char *path)
{
  g_autoptr(GDateTime) when = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  when = g_date_time_new_from_unix_utc (st.st_mtime);
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : NULL;
}

/* The decimal a JSON number was written as, from the double a JSON parser made of it. Any
 * decimal of at most 15 significant digits comes back exactly from its nearest double by
 * printing that double with 15 digits; a number printed so that does not read back as the
 * same double had more digits than that, and is not taken (FALSE), since its text is lost. */
gboolean
_sky_convert_decimal_from_double (double      value,
                                  SkyDecimal *out)
{
  char text[64];
  char *exponent;
  g_autofree char *digits = NULL;
  gint64 power;
  GString *plain;
  gboolean ok;

  if (!isfinite (value) || value < 0)
    return FALSE;
  g_snprintf (text, sizeof text, "%.14e", value);
  if (g_ascii_strtod (text, NULL) != value)
    return FALSE;
  /* d.dddddddddddddde±XX: the digits, then the exponent. */
  exponent = strchr (text, 'e');
  if (exponent == NULL)
    return FALSE;
  power = g_ascii_strtoll (exponent + 1, NULL, 10);
  *exponent = '\0';
  digits = g_strdup_printf ("%c%s", text[0], text + 2);
  plain = g_string_new (NULL);
  /* digits × 10^(power − 14) */
  power -= 14;
  if (power >= 0)
    {
      g_string_append (plain, digits);
      for (gint64 i = 0; i < power; i++)
        g_string_append_c (plain, '0');
    }
  else
    {
      gint64 fraction = -power;
      gint64 length = (gint64) strlen (digits);

      if (fraction >= length)
        {
          g_string_append (plain, "0.");
          for (gint64 i = length; i < fraction; i++)
            g_string_append_c (plain, '0');
          g_string_append (plain, digits);
        }
      else
        {
          g_string_append_len (plain, digits, length - fraction);
          g_string_append_c (plain, '.');
          g_string_append (plain, digits + (length - fraction));
        }
    }
  ok = sky_decimal_parse (plain->str, SKY_DECIMAL_MAX_SCALE, FALSE, out, NULL);
  g_string_free (plain, TRUE);
  if (ok)
    *out = sky_decimal_normalize (*out);
  return ok;
}

/* A price written as text in the source (YAML, JSON strings): a plain decimal. */
gboolean
_sky_convert_parse_amount (const char *text,
                           SkyDecimal *out)
{
  if (text == NULL || !sky_decimal_parse (text, SKY_DECIMAL_MAX_SCALE, FALSE, out, NULL))
    return FALSE;
  *out = sky_decimal_normalize (*out);
  return TRUE;
}

char *
_sky_convert_decimal_text (SkyDecimal value)
{
  return sky_decimal_to_string (sky_decimal_normalize (value));
}

/* Whether the price @value fits a sheet: TRUE when it has at most 10 decimals, or when
 * round_prices is set, which rounds it half-up to 10 (*@rounded is then TRUE: the row that
 * is written notes it with _sky_convert_note_rounded()). FALSE leaves it a bad row. */
gboolean
_sky_convert_fit_price (SkyConvertContext *context,
                        SkyDecimal        *value,
                        gboolean          *rounded)
{
  SkyDecimal normal = sky_decimal_normalize (*value);

  *rounded = FALSE;
  if (normal.scale <= SKY_PRICE_SCALE)
    return TRUE;
  if (!context->options->round_prices)
    return FALSE;
  *value = sky_decimal_normalize (sky_decimal_round (normal, SKY_PRICE_SCALE,
                                                     SKY_ROUND_HALF_UP));
  *rounded = TRUE;
  return TRUE;
}

/* Notes in the summary that the price @text read at @where (file:line: path) was written
 * rounded, as @value. */
void
_sky_convert_note_rounded (SkyConvertContext *context,
                           const char        *where,
                           const char        *text,
                           SkyDecimal         value)
{
  g_autofree char *after = _sky_convert_decimal_text (value);
  g_autofree char *place = g_strdup_printf ("%s: %s → %s", where, text, after);

  sky_convert_summary_note (context->summary,
                            _("price rounded half-up to 10 decimals (--round-prices)"), place);
}

/* The conversion ---------------------------------------------------------------------------- */

static gboolean
count_offer_cb (const SkySheetOffer  *offer,
                gpointer              user_data,
                GError              **error)
{
  (*(guint64 *) user_data)++;
  return TRUE;
}

/* Copies @from into @to's place, atomically. */
static gboolean
copy_into_place (const char  *from,
                 const char  *to,
                 GError     **error)
{
  g_autoptr(SkyFileWrite) write = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (from);
  g_autoptr(GInputStream) stream = NULL;
  char buffer[65536];
  gssize n;

  stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
  if (stream == NULL)
    return FALSE;
  write = sky_file_write_begin (to, SKY_FILE_WRITE_DEFAULT, error);
  if (write == NULL)
    return FALSE;
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error)) > 0)
    if (!sky_file_write_append (write, buffer, (gsize) n, error))
      return FALSE;
  if (n < 0)
    return FALSE;
  return sky_file_write_commit (write, error);
}

/* Converts @files, read as @format, into the price sheet @sheet_path, which is replaced only
 * when the whole conversion succeeded and the sheet reads back as a valid sheet. @summary
 * receives the counts and the rows skipped. */
gboolean
sky_source_convert (const char               *format_id,
                    const char * const       *files,
                    const SkyConvertOptions  *options,
                    const char               *sheet_path,
                    SkyConvertSummary        *summary,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  g_autoptr(SkySheetWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp = NULL;
  SkyConvertContext context = { 0 };
  const Format *format;
  SkySheetSink sink = { .offer = count_offer_cb };
  guint64 read_back = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (format_id != NULL, FALSE);
  g_return_val_if_fail (files != NULL && files[0] != NULL, FALSE);
  g_return_val_if_fail (options != NULL && sheet_path != NULL && summary != NULL, FALSE);

  format = find (format_id);
  if (format == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a format's name, as given with --from. */
                   _("Unknown format “%s” (convert --help lists them)"), format_id);
      return FALSE;
    }
  if (format->convert == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_UNAVAILABLE,
                   /* Translators: “This build cannot read FORMAT: it was made without
                    * LIBRARY” */
                   _("This build cannot read %s: it was made without %s"), format_id,
                   format->format.missing);
      return FALSE;
    }
  if ((options->effective_date != NULL &&
       !_sky_convert_check_date (options->effective_date, "--effective-date", error)) ||
      (options->retrieved != NULL &&
       !_sky_convert_check_date (options->retrieved, "--retrieved", error)))
    return FALSE;

  fd = g_file_open_tmp ("skytally-convert-XXXXXX.xml", &temp, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  writer = sky_sheet_writer_new (temp, error);
  if (writer == NULL)
    {
      g_unlink (temp);
      return FALSE;
    }
  context.options = options;
  context.summary = summary;
  context.writer = writer;
  context.cancellable = cancellable;
  ok = format->convert (&context, files, &local_error) &&
       sky_sheet_writer_finish (writer, &local_error);
  g_clear_pointer (&writer, sky_sheet_writer_free);
  if (ok && sky_convert_summary_offers (summary) == 0)
    {
      g_set_error (&local_error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_NOTHING,
                   _("No offers came out of the files: no sheet written"));
      ok = FALSE;
    }
  if (ok && !sky_sheet_read_file (temp, &sink, &read_back, NULL, cancellable, NULL, NULL,
                                  &local_error))
    {
      g_prefix_error (&local_error, "%s", _("The converted sheet is not valid: "));
      ok = FALSE;
    }
  if (ok && read_back != sky_convert_summary_offers (summary))
    {
      g_set_error (&local_error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_WRITE,
                   _("The converted sheet holds %llu offers, not %llu"),
                   (unsigned long long) read_back,
                   (unsigned long long) sky_convert_summary_offers (summary));
      ok = FALSE;
    }
  ok = ok && copy_into_place (temp, sheet_path, &local_error);
  g_unlink (temp);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The conversion in a thread ---------------------------------------------------------------- */

typedef struct
{
  char              *format;
  GStrv              files;
  SkyConvertOptions  options;    /* its strings are owned here */
  char              *sheet_path;
  SkyConvertSummary *summary;
} ConvertData;

static void
convert_data_free (gpointer data)
{
  ConvertData *convert = data;

  g_free (convert->format);
  g_strfreev (convert->files);
  g_free ((char *) convert->options.version);
  g_free ((char *) convert->options.effective_date);
  g_free ((char *) convert->options.retrieved);
  g_free ((char *) convert->options.source_url);
  g_free ((char *) convert->options.short_name);
  g_free (convert->sheet_path);
  sky_convert_summary_free (convert->summary);
  g_free (convert);
}

static void
convert_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConvertData *convert = task_data;
  GError *error = NULL;

  if (sky_source_convert (convert->format, (const char * const *) convert->files,
                          &convert->options, convert->sheet_path, convert->summary,
                          cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* sky_source_convert() in a thread; @options and the strings are copied. */
void
sky_source_convert_async (const char               *format,
                          const char * const       *files,
                          const SkyConvertOptions  *options,
                          const char               *sheet_path,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ConvertData *convert;

  g_return_if_fail (format != NULL);
  g_return_if_fail (files != NULL && files[0] != NULL);
  g_return_if_fail (options != NULL && sheet_path != NULL);

  convert = g_new0 (ConvertData, 1);
  convert->format = g_strdup (format);
  convert->files = g_strdupv ((char **) files);
  convert->options.skip_bad_rows = options->skip_bad_rows;
  convert->options.round_prices = options->round_prices;
  convert->options.version = g_strdup (options->version);
  convert->options.effective_date = g_strdup (options->effective_date);
  convert->options.retrieved = g_strdup (options->retrieved);
  convert->options.source_url = g_strdup (options->source_url);
  convert->options.short_name = g_strdup (options->short_name);
  convert->sheet_path = g_strdup (sheet_path);
  convert->summary = sky_convert_summary_new ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sky_source_convert_async);
  g_task_set_task_data (task, convert, convert_data_free);
  g_task_run_in_thread (task, convert_thread);
}

/* The conversion's result; *@summary (when not NULL) receives what it wrote and skipped,
 * also when it failed. */
gboolean
sky_source_convert_finish (GAsyncResult       *result,
                           SkyConvertSummary **summary,
                           GError            **error)
{
  ConvertData *convert;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sky_source_convert_async,
                        FALSE);

  convert = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = g_steal_pointer (&convert->summary);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static guint64
skipped_any (const SkyConvertSummary *summary)
{
  return sky_convert_summary_skipped (summary, NULL);
}

static const SkySourceApi api = {
  sky_source_n_formats,
  sky_source_nth_format,
  sky_source_convert,
  sky_convert_summary_new,
  sky_convert_summary_free,
  sky_convert_summary_format,
  skipped_any,
  sky_update_n_providers,
  sky_update_nth_provider,
  sky_update_fetch_async,
  sky_update_fetch_finish,
  sky_update_result_free,
  sky_update_forget,
};

/* The library's functions, for a program that loads it as a module and finds this one
 * symbol. */
const SkySourceApi *
sky_source_api (void)
{
  return &api;
}
