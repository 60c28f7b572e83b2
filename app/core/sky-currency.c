/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-currency"

#include "config.h"

#include <string.h>

#include "sky-currency.h"

/* ISO 4217 codes with their minor units: the currencies providers bill in and the ones finance
 * teams report in. */
static const struct
{
  char  code[4];
  guint minor_units;
} currencies[] = {
  { "AED", 2 }, { "ARS", 2 }, { "AUD", 2 }, { "BHD", 3 }, { "BRL", 2 }, { "CAD", 2 },
  { "CHF", 2 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 }, { "CZK", 2 }, { "DKK", 2 },
  { "EGP", 2 }, { "EUR", 2 }, { "GBP", 2 }, { "HKD", 2 }, { "HUF", 2 }, { "IDR", 2 },
  { "ILS", 2 }, { "INR", 2 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KRW", 0 },
  { "KWD", 3 }, { "MXN", 2 }, { "MYR", 2 }, { "NGN", 2 }, { "NOK", 2 }, { "NZD", 2 },
  { "OMR", 3 }, { "PHP", 2 }, { "PLN", 2 }, { "QAR", 2 }, { "RON", 2 }, { "SAR", 2 },
  { "SEK", 2 }, { "SGD", 2 }, { "THB", 2 }, { "TRY", 2 }, { "TWD", 2 }, { "UAH", 2 },
  { "USD", 2 }, { "VND", 0 }, { "ZAR", 2 },
};

gboolean
sky_currency_lookup (const char *code,
                     guint      *minor_units)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (strcmp (currencies[i].code, code) == 0)
        {
          if (minor_units != NULL)
            *minor_units = currencies[i].minor_units;
          return TRUE;
        }
    }
  return FALSE;
}

/* The one rounding of a money figure: to the currency's minor unit, half away from zero. */
SkyDecimal
sky_currency_round (const char *code,
                    SkyDecimal  amount)
{
  guint minor = 2;

  g_return_val_if_fail (code != NULL, amount);

  sky_currency_lookup (code, &minor);
  return sky_decimal_round (amount, minor, SKY_ROUND_HALF_UP);
}

/* Formats a figure already rounded, with exactly the currency's minor digits ("70.10"). */
char *
sky_currency_format (const char *code,
                     SkyDecimal  amount)
{
  guint minor = 2;

  g_return_val_if_fail (code != NULL, NULL);

  sky_currency_lookup (code, &minor);
  return sky_decimal_format (sky_decimal_round (amount, minor, SKY_ROUND_HALF_UP), minor);
}
