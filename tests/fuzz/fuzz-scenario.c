/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the scenario reader on arbitrary bytes, and what it reads written and read
 * again. build-aux/fuzz.sh builds it and runs it from a copy of tests/fuzz/corpus/scenario/.
 * libFuzzer adds what it finds to the first folder it is given: never the committed corpus. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sky-scenario.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Says what is wrong and aborts, which libFuzzer reports with the input that did it. */
#define fuzz_fail(...) (g_printerr (__VA_ARGS__), g_printerr ("\n"), abort ())

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  SkyScenario *scenario = sky_scenario_parse ((const char *) data, size, "fuzz", &error);
  SkyScenario *again;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  if (scenario == NULL)
    {
      /* Every refusal says why. */
      if (error == NULL)
        fuzz_fail ("a scenario was refused without a message");
      return 0;
    }
  /* A scenario that was read is written in a form that reads back to the same scenario. */
  written = sky_scenario_to_xml (scenario);
  sky_scenario_free (scenario);
  again = sky_scenario_parse (written, strlen (written), "written", &error);
  if (again == NULL)
    fuzz_fail ("a scenario written from one read does not read back: %s\n%s", error->message,
             written);
  rewritten = sky_scenario_to_xml (again);
  sky_scenario_free (again);
  if (strcmp (written, rewritten) != 0)
    fuzz_fail ("a scenario written twice differs:\n%s\n---\n%s", written, rewritten);
  return 0;
}
