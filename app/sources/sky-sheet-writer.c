/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-sheet-writer"

#include "config.h"

#include <libxml/xmlwriter.h>
#include <glib/gi18n-lib.h>

#include "sky-sheet-writer.h"
#include "sky-source.h"

/* Every converter writes its sheet through here, with libxml2's text writer, so that no sheet
 * is ever held in memory whole. The calls come in the sheet's own order: the header, the
 * regions, the usage discounts, then services, each holding offers, each offer its attributes, then its features,
 * then its prices (flat, or tiers between begin and end). A call out of that order is a
 * programming error. Amounts are exact decimals, written plain, with at most the ten
 * fractional digits a sheet allows. */

typedef enum
{
  STATE_START,
  STATE_REGIONS,
  STATE_DISCOUNTS,
  STATE_SERVICE,
  STATE_OFFER_ATTRIBUTES,
  STATE_OFFER_FEATURES,
  STATE_OFFER_PRICES,
  STATE_PRICE,
  STATE_TIERS,
  STATE_BETWEEN_SERVICES,
  STATE_FINISHED,
} State;

struct _SkySheetWriter
{
  char             *path;
  xmlTextWriterPtr  xml;
  State             state;
  guint             offer_prices;
  guint64           offers;
  gboolean          tier_written;   /* in STATE_TIERS: a tier came, no attribute may follow */
};

static gboolean
failed (SkySheetWriter  *self,
        int              result,
        GError         **error)
{
  if (result >= 0)
    return TRUE;
  g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_WRITE, _("Cannot write %s"),
               self->path);
  return FALSE;
}

#define CHECK(call) G_STMT_START { if (!failed (self, (call), error)) return FALSE; } G_STMT_END

static int
attribute (SkySheetWriter *self,
           const char     *name,
           const char     *value)
{
  return xmlTextWriterWriteAttribute (self->xml, BAD_CAST name, BAD_CAST value);
}

/* The sheet is written to @path, which is created or emptied. */
SkySheetWriter *
sky_sheet_writer_new (const char  *path,
                      GError     **error)
{
  g_autoptr(SkySheetWriter) self = g_new0 (SkySheetWriter, 1);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  self->xml = xmlNewTextWriterFilename (path, 0);
  if (self->xml == NULL)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_WRITE, _("Cannot write %s"), path);
      return NULL;
    }
  xmlTextWriterSetIndent (self->xml, 1);
  xmlTextWriterSetIndentString (self->xml, BAD_CAST "  ");
  return g_steal_pointer (&self);
}

void
sky_sheet_writer_free (SkySheetWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->xml, xmlFreeTextWriter);
  g_free (self->path);
  g_free (self);
}

/* @amount as a sheet writes it: plain digits, no trailing zeros; an error when it is
 * negative or has more than ten fractional digits. */
char *
sky_sheet_writer_amount_text (SkyDecimal   amount,
                              GError     **error)
{
  SkyDecimal normal = sky_decimal_normalize (amount);

  if (normal.coef < 0)
    {
      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW, _("negative amount"));
      return NULL;
    }
  if (normal.scale > SKY_PRICE_SCALE)
    {
      g_autofree char *text = sky_decimal_to_string (normal);

      g_set_error (error, SKY_SOURCE_ERROR, SKY_SOURCE_ERROR_BAD_ROW,
                   _("%s has more than %d decimals"), text, SKY_PRICE_SCALE);
      return NULL;
    }
  return sky_decimal_to_string (normal);
}

gboolean
sky_sheet_writer_header (SkySheetWriter        *self,
                         const SkySheetHeader  *header,
                         GError               **error)
{
  g_return_val_if_fail (self != NULL && header != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_START, FALSE);

  CHECK (xmlTextWriterStartDocument (self->xml, NULL, "UTF-8", NULL));
  CHECK (xmlTextWriterStartElementNS (self->xml, NULL, BAD_CAST "price-sheet",
                                      BAD_CAST SKY_SHEET_NAMESPACE));
  CHECK (attribute (self, "format", G_STRINGIFY (SKY_SHEET_FORMAT_VERSION)));

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "provider"));
  CHECK (attribute (self, "id", header->provider_id));
  CHECK (attribute (self, "name", header->provider_name));
  if (header->provider_short_name != NULL)
    CHECK (attribute (self, "short-name", header->provider_short_name));
  CHECK (xmlTextWriterEndElement (self->xml));

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "sheet"));
  CHECK (attribute (self, "version", header->version));
  CHECK (attribute (self, "effective-date", header->effective_date));
  CHECK (attribute (self, "currency", header->currency));
  CHECK (xmlTextWriterEndElement (self->xml));

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "source"));
  CHECK (attribute (self, "retrieved", header->retrieved));
  if (header->source_url != NULL)
    CHECK (attribute (self, "url", header->source_url));
  CHECK (xmlTextWriterWriteString (self->xml, BAD_CAST header->source));
  CHECK (xmlTextWriterEndElement (self->xml));
  self->state = STATE_REGIONS;
  return TRUE;
}

gboolean
sky_sheet_writer_region (SkySheetWriter        *self,
                         const SkySheetRegion  *region,
                         GError               **error)
{
  g_return_val_if_fail (self != NULL && region != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_REGIONS, FALSE);

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "region"));
  CHECK (attribute (self, "code", region->code));
  CHECK (attribute (self, "name", region->name));
  CHECK (attribute (self, "geography", region->geography));
  CHECK (xmlTextWriterEndElement (self->xml));
  return TRUE;
}

/* A usage-discount table, after the regions and before the services: @bands are the shares
 * of the month (percent) each band covers and its percent off. */
gboolean
sky_sheet_writer_usage_discount (SkySheetWriter      *self,
                                 const char          *id,
                                 const SkySheetBand  *bands,
                                 guint                n_bands,
                                 GError             **error)
{
  g_return_val_if_fail (self != NULL && id != NULL && bands != NULL && n_bands > 0, FALSE);
  g_return_val_if_fail (self->state == STATE_REGIONS || self->state == STATE_DISCOUNTS, FALSE);

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "usage-discount"));
  CHECK (attribute (self, "id", id));
  for (guint i = 0; i < n_bands; i++)
    {
      g_autofree char *from = sky_sheet_writer_amount_text (bands[i].from, error);
      g_autofree char *to = from != NULL ? sky_sheet_writer_amount_text (bands[i].to, error)
                                         : NULL;
      g_autofree char *percent = to != NULL ? sky_sheet_writer_amount_text (bands[i].percent,
                                                                            error)
                                            : NULL;

      if (percent == NULL)
        return FALSE;
      CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "band"));
      CHECK (attribute (self, "from", from));
      CHECK (attribute (self, "to", to));
      CHECK (attribute (self, "percent", percent));
      CHECK (xmlTextWriterEndElement (self->xml));
    }
  CHECK (xmlTextWriterEndElement (self->xml));
  self->state = STATE_DISCOUNTS;
  return TRUE;
}

gboolean
sky_sheet_writer_begin_service (SkySheetWriter        *self,
                                const SkySheetService *service,
                                GError               **error)
{
  g_return_val_if_fail (self != NULL && service != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_REGIONS || self->state == STATE_DISCOUNTS ||
                        self->state == STATE_BETWEEN_SERVICES, FALSE);

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "service"));
  CHECK (attribute (self, "id", service->id));
  CHECK (attribute (self, "name", service->name));
  CHECK (attribute (self, "category", service->category));
  if (service->sla != NULL)
    CHECK (attribute (self, "sla", service->sla));
  self->state = STATE_SERVICE;
  return TRUE;
}

gboolean
sky_sheet_writer_begin_offer (SkySheetWriter  *self,
                              const char      *sku,
                              const char      *name,
                              const char      *region,
                              GError         **error)
{
  g_return_val_if_fail (self != NULL && sku != NULL && name != NULL && region != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_SERVICE, FALSE);

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "offer"));
  CHECK (attribute (self, "sku", sku));
  CHECK (attribute (self, "name", name));
  CHECK (attribute (self, "region", region));
  self->state = STATE_OFFER_ATTRIBUTES;
  self->offer_prices = 0;
  return TRUE;
}

/* One of the offer's optional attributes (family, vcpu, memory-gib, gpu, storage-type, os,
 * sla); a NULL value writes nothing. */
gboolean
sky_sheet_writer_offer_attribute (SkySheetWriter  *self,
                                  const char      *name,
                                  const char      *value,
                                  GError         **error)
{
  g_return_val_if_fail (self != NULL && name != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_OFFER_ATTRIBUTES, FALSE);

  if (value != NULL)
    CHECK (attribute (self, name, value));
  return TRUE;
}

gboolean
sky_sheet_writer_feature (SkySheetWriter  *self,
                          const char      *key,
                          const char      *value,
                          GError         **error)
{
  g_return_val_if_fail (self != NULL && key != NULL && value != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_OFFER_ATTRIBUTES ||
                        self->state == STATE_OFFER_FEATURES, FALSE);

  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "feature"));
  CHECK (attribute (self, "key", key));
  CHECK (attribute (self, "value", value));
  CHECK (xmlTextWriterEndElement (self->xml));
  self->state = STATE_OFFER_FEATURES;
  return TRUE;
}

static gboolean
start_price (SkySheetWriter  *self,
             const char      *unit,
             const char      *term,
             guint            years,
             GError         **error)
{
  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "price"));
  CHECK (attribute (self, "unit", unit));
  CHECK (attribute (self, "term", term));
  if (years > 0)
    CHECK (xmlTextWriterWriteFormatAttribute (self->xml, BAD_CAST "years", "%u", years));
  return TRUE;
}

/* Ends the price element open and counts it: the offer takes another price or ends. */
static gboolean
close_price (SkySheetWriter  *self,
             GError         **error)
{
  CHECK (xmlTextWriterEndElement (self->xml));
  self->offer_prices++;
  self->state = STATE_OFFER_PRICES;
  return TRUE;
}

/* A flat price; @years is 0 for on-demand and spot. */
gboolean
sky_sheet_writer_price (SkySheetWriter  *self,
                        const char      *unit,
                        const char      *term,
                        guint            years,
                        SkyDecimal       amount,
                        GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL && unit != NULL && term != NULL, FALSE);
  g_return_val_if_fail (self->state >= STATE_OFFER_ATTRIBUTES &&
                        self->state <= STATE_OFFER_PRICES, FALSE);

  text = sky_sheet_writer_amount_text (amount, error);
  if (text == NULL || !start_price (self, unit, term, years, error))
    return FALSE;
  CHECK (attribute (self, "amount", text));
  return close_price (self, error);
}

/* A flat price per running time without a commitment (on-demand, spot), with what a sheet
 * may add to it: @monthly_cap (NULL for none), what one instance costs a month at most, and
 * @usage_discount (NULL for none), the id of a usage-discount table written before. */
gboolean
sky_sheet_writer_running_price (SkySheetWriter    *self,
                                const char        *unit,
                                const char        *term,
                                SkyDecimal         amount,
                                const SkyDecimal  *monthly_cap,
                                const char        *usage_discount,
                                GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *cap = NULL;

  g_return_val_if_fail (self != NULL && unit != NULL && term != NULL, FALSE);
  g_return_val_if_fail (self->state >= STATE_OFFER_ATTRIBUTES &&
                        self->state <= STATE_OFFER_PRICES, FALSE);

  text = sky_sheet_writer_amount_text (amount, error);
  if (text == NULL)
    return FALSE;
  if (monthly_cap != NULL && (cap = sky_sheet_writer_amount_text (*monthly_cap, error)) == NULL)
    return FALSE;
  if (!start_price (self, unit, term, 0, error))
    return FALSE;
  CHECK (attribute (self, "amount", text));
  if (cap != NULL)
    CHECK (attribute (self, "monthly-cap", cap));
  if (usage_discount != NULL)
    CHECK (attribute (self, "usage-discount", usage_discount));
  return close_price (self, error);
}

gboolean
sky_sheet_writer_begin_tiers (SkySheetWriter  *self,
                              const char      *unit,
                              const char      *term,
                              guint            years,
                              GError         **error)
{
  g_return_val_if_fail (self != NULL && unit != NULL && term != NULL, FALSE);
  g_return_val_if_fail (self->state >= STATE_OFFER_ATTRIBUTES &&
                        self->state <= STATE_OFFER_PRICES, FALSE);

  if (!start_price (self, unit, term, years, error))
    return FALSE;
  self->state = STATE_TIERS;
  self->tier_written = FALSE;
  return TRUE;
}

/* A tier from @from to @to, or on without end when @to is NULL. */
gboolean
sky_sheet_writer_tier (SkySheetWriter    *self,
                       SkyDecimal         from,
                       const SkyDecimal  *to,
                       SkyDecimal         amount,
                       GError           **error)
{
  g_autofree char *from_text = NULL, *to_text = NULL, *amount_text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_TIERS, FALSE);

  from_text = sky_sheet_writer_amount_text (from, error);
  if (from_text == NULL)
    return FALSE;
  if (to != NULL && (to_text = sky_sheet_writer_amount_text (*to, error)) == NULL)
    return FALSE;
  amount_text = sky_sheet_writer_amount_text (amount, error);
  if (amount_text == NULL)
    return FALSE;
  CHECK (xmlTextWriterStartElement (self->xml, BAD_CAST "tier"));
  CHECK (attribute (self, "from", from_text));
  if (to_text != NULL)
    CHECK (attribute (self, "to", to_text));
  CHECK (attribute (self, "amount", amount_text));
  CHECK (xmlTextWriterEndElement (self->xml));
  self->tier_written = TRUE;
  return TRUE;
}

gboolean
sky_sheet_writer_end_tiers (SkySheetWriter  *self,
                            GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_TIERS, FALSE);

  return close_price (self, error);
}

/* A flat price with more than a unit, a purchase option and years (upfront, upfront-fee,
 * offering-class, effective-date, ...): begun here, given its attributes with
 * sky_sheet_writer_price_attribute(), ended with its amount by sky_sheet_writer_end_price(). */
gboolean
sky_sheet_writer_begin_price (SkySheetWriter  *self,
                              const char      *unit,
                              const char      *term,
                              guint            years,
                              GError         **error)
{
  g_return_val_if_fail (self != NULL && unit != NULL && term != NULL, FALSE);
  g_return_val_if_fail (self->state >= STATE_OFFER_ATTRIBUTES &&
                        self->state <= STATE_OFFER_PRICES, FALSE);

  if (!start_price (self, unit, term, years, error))
    return FALSE;
  self->state = STATE_PRICE;
  return TRUE;
}

/* One more attribute of the price begun by sky_sheet_writer_begin_price(), or of tiers begun
 * by sky_sheet_writer_begin_tiers() before their first tier; a NULL value writes nothing. */
gboolean
sky_sheet_writer_price_attribute (SkySheetWriter  *self,
                                  const char      *name,
                                  const char      *value,
                                  GError         **error)
{
  g_return_val_if_fail (self != NULL && name != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_PRICE ||
                        (self->state == STATE_TIERS && !self->tier_written), FALSE);

  if (value != NULL)
    CHECK (attribute (self, name, value));
  return TRUE;
}

gboolean
sky_sheet_writer_end_price (SkySheetWriter  *self,
                            SkyDecimal       amount,
                            GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_PRICE, FALSE);

  text = sky_sheet_writer_amount_text (amount, error);
  if (text == NULL)
    return FALSE;
  CHECK (attribute (self, "amount", text));
  return close_price (self, error);
}

/* Ends the offer; returns how many prices it had (0 on a failure, which sets @error). */
guint
sky_sheet_writer_end_offer (SkySheetWriter  *self,
                            GError         **error)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->state == STATE_OFFER_PRICES, 0);

  if (!failed (self, xmlTextWriterEndElement (self->xml), error))
    return 0;
  self->offers++;
  self->state = STATE_SERVICE;
  return self->offer_prices;
}

gboolean
sky_sheet_writer_end_service (SkySheetWriter  *self,
                              GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_SERVICE, FALSE);

  CHECK (xmlTextWriterEndElement (self->xml));
  self->state = STATE_BETWEEN_SERVICES;
  return TRUE;
}

/* Ends the sheet and flushes it to its file. */
gboolean
sky_sheet_writer_finish (SkySheetWriter  *self,
                         GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->state == STATE_REGIONS || self->state == STATE_DISCOUNTS ||
                        self->state == STATE_BETWEEN_SERVICES, FALSE);

  CHECK (xmlTextWriterEndDocument (self->xml));
  CHECK (xmlTextWriterFlush (self->xml));
  self->state = STATE_FINISHED;
  return TRUE;
}

guint64
sky_sheet_writer_get_offers (SkySheetWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offers;
}
