/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sky-source-regions"

#include "config.h"

#include <string.h>

#include "sky-source-regions.h"

/* The regions each provider's price lists name, with the geography a sheet gives each (see
 * docs/converters.md). A region a list names that is not here is a bad row: its geography
 * would be a guess. Sorted by provider, then code. Google's Mexico region (Querétaro) is given
 * SA, the geography of Latin America: the vocabulary has no other for it, and so is Azure's
 * mexicocentral. Azure's are the regions of its Retail Prices API (armRegionName), with their
 * display names; its billing zones ("Zone 1") are not regions. */

static const SkySourceRegion regions[] = {
  { "azure", "attdallas1", "AT&T Dallas (Edge Zone)", "US" },
  { "azure", "australiacentral", "Australia Central", "APAC" },
  { "azure", "australiacentral2", "Australia Central 2", "APAC" },
  { "azure", "australiaeast", "Australia East", "APAC" },
  { "azure", "australiasoutheast", "Australia Southeast", "APAC" },
  { "azure", "austriaeast", "Austria East", "EU" },
  { "azure", "belgiumcentral", "Belgium Central", "EU" },
  { "azure", "brazilsouth", "Brazil South", "SA" },
  { "azure", "brazilsoutheast", "Brazil Southeast", "SA" },
  { "azure", "canadacentral", "Canada Central", "CA" },
  { "azure", "canadaeast", "Canada East", "CA" },
  { "azure", "centralindia", "Central India", "APAC" },
  { "azure", "centralus", "Central US", "US" },
  { "azure", "chilecentral", "Chile Central", "SA" },
  { "azure", "denmarkeast", "Denmark East", "EU" },
  { "azure", "eastasia", "East Asia", "APAC" },
  { "azure", "eastus", "East US", "US" },
  { "azure", "eastus2", "East US 2", "US" },
  { "azure", "francecentral", "France Central", "EU" },
  { "azure", "francesouth", "France South", "EU" },
  { "azure", "germanynorth", "Germany North", "EU" },
  { "azure", "germanywestcentral", "Germany West Central", "EU" },
  { "azure", "indiasouthcentral", "India South Central", "APAC" },
  { "azure", "indonesiacentral", "Indonesia Central", "APAC" },
  { "azure", "israelcentral", "Israel Central", "ME" },
  { "azure", "israelnorthwest", "Israel Northwest", "ME" },
  { "azure", "italynorth", "Italy North", "EU" },
  { "azure", "japaneast", "Japan East", "APAC" },
  { "azure", "japanwest", "Japan West", "APAC" },
  { "azure", "jioindiacentral", "Jio India Central", "APAC" },
  { "azure", "jioindiawest", "Jio India West", "APAC" },
  { "azure", "koreacentral", "Korea Central", "APAC" },
  { "azure", "koreasouth", "Korea South", "APAC" },
  { "azure", "malaysiawest", "Malaysia West", "APAC" },
  { "azure", "mexicocentral", "Mexico Central", "SA" },
  { "azure", "newzealandnorth", "New Zealand North", "APAC" },
  { "azure", "northcentralus", "North Central US", "US" },
  { "azure", "northeurope", "North Europe", "EU" },
  { "azure", "norwayeast", "Norway East", "EU" },
  { "azure", "norwaywest", "Norway West", "EU" },
  { "azure", "polandcentral", "Poland Central", "EU" },
  { "azure", "qatarcentral", "Qatar Central", "ME" },
  { "azure", "saudiarabiaeast", "Saudi Arabia East", "ME" },
  { "azure", "southafricanorth", "South Africa North", "AF" },
  { "azure", "southafricawest", "South Africa West", "AF" },
  { "azure", "southcentralus", "South Central US", "US" },
  { "azure", "southeastasia", "Southeast Asia", "APAC" },
  { "azure", "southindia", "South India", "APAC" },
  { "azure", "spaincentral", "Spain Central", "EU" },
  { "azure", "swedencentral", "Sweden Central", "EU" },
  { "azure", "swedensouth", "Sweden South", "EU" },
  { "azure", "switzerlandnorth", "Switzerland North", "EU" },
  { "azure", "switzerlandwest", "Switzerland West", "EU" },
  { "azure", "uaecentral", "UAE Central", "ME" },
  { "azure", "uaenorth", "UAE North", "ME" },
  { "azure", "uksouth", "UK South", "EU" },
  { "azure", "ukwest", "UK West", "EU" },
  { "azure", "usgovarizona", "US Gov Arizona", "US" },
  { "azure", "usgovtexas", "US Gov Texas", "US" },
  { "azure", "usgovvirginia", "US Gov Virginia", "US" },
  { "azure", "westcentralus", "West Central US", "US" },
  { "azure", "westeurope", "West Europe", "EU" },
  { "azure", "westindia", "West India", "APAC" },
  { "azure", "westus", "West US", "US" },
  { "azure", "westus2", "West US 2", "US" },
  { "azure", "westus3", "West US 3", "US" },
  { "digitalocean", "ams2", "Amsterdam 2", "EU" },
  { "digitalocean", "ams3", "Amsterdam 3", "EU" },
  { "digitalocean", "atl1", "Atlanta 1", "US" },
  { "digitalocean", "blr1", "Bangalore 1", "APAC" },
  { "digitalocean", "fra1", "Frankfurt 1", "EU" },
  { "digitalocean", "lon1", "London 1", "EU" },
  { "digitalocean", "nyc1", "New York 1", "US" },
  { "digitalocean", "nyc2", "New York 2", "US" },
  { "digitalocean", "nyc3", "New York 3", "US" },
  { "digitalocean", "sfo1", "San Francisco 1", "US" },
  { "digitalocean", "sfo2", "San Francisco 2", "US" },
  { "digitalocean", "sfo3", "San Francisco 3", "US" },
  { "digitalocean", "sgp1", "Singapore 1", "APAC" },
  { "digitalocean", "syd1", "Sydney 1", "APAC" },
  { "digitalocean", "tor1", "Toronto 1", "CA" },
  { "gcp", "africa-south1", "Johannesburg (africa-south1)", "AF" },
  { "gcp", "asia-east1", "Taiwan (asia-east1)", "APAC" },
  { "gcp", "asia-east2", "Hong Kong (asia-east2)", "APAC" },
  { "gcp", "asia-northeast1", "Tokyo (asia-northeast1)", "APAC" },
  { "gcp", "asia-northeast2", "Osaka (asia-northeast2)", "APAC" },
  { "gcp", "asia-northeast3", "Seoul (asia-northeast3)", "APAC" },
  { "gcp", "asia-south1", "Mumbai (asia-south1)", "APAC" },
  { "gcp", "asia-south2", "Delhi (asia-south2)", "APAC" },
  { "gcp", "asia-southeast1", "Singapore (asia-southeast1)", "APAC" },
  { "gcp", "asia-southeast2", "Jakarta (asia-southeast2)", "APAC" },
  { "gcp", "asia-southeast3", "Bangkok (asia-southeast3)", "APAC" },
  { "gcp", "australia-southeast1", "Sydney (australia-southeast1)", "APAC" },
  { "gcp", "australia-southeast2", "Melbourne (australia-southeast2)", "APAC" },
  { "gcp", "europe-central2", "Warsaw (europe-central2)", "EU" },
  { "gcp", "europe-north1", "Finland (europe-north1)", "EU" },
  { "gcp", "europe-north2", "Stockholm (europe-north2)", "EU" },
  { "gcp", "europe-southwest1", "Madrid (europe-southwest1)", "EU" },
  { "gcp", "europe-west1", "Belgium (europe-west1)", "EU" },
  { "gcp", "europe-west10", "Berlin (europe-west10)", "EU" },
  { "gcp", "europe-west12", "Turin (europe-west12)", "EU" },
  { "gcp", "europe-west2", "London (europe-west2)", "EU" },
  { "gcp", "europe-west3", "Frankfurt (europe-west3)", "EU" },
  { "gcp", "europe-west4", "Netherlands (europe-west4)", "EU" },
  { "gcp", "europe-west6", "Zurich (europe-west6)", "EU" },
  { "gcp", "europe-west8", "Milan (europe-west8)", "EU" },
  { "gcp", "europe-west9", "Paris (europe-west9)", "EU" },
  { "gcp", "me-central1", "Doha (me-central1)", "ME" },
  { "gcp", "me-central2", "Dammam (me-central2)", "ME" },
  { "gcp", "me-west1", "Tel Aviv (me-west1)", "ME" },
  { "gcp", "northamerica-northeast1", "Montréal (northamerica-northeast1)", "CA" },
  { "gcp", "northamerica-northeast2", "Toronto (northamerica-northeast2)", "CA" },
  { "gcp", "northamerica-south1", "Mexico (northamerica-south1)", "SA" },
  { "gcp", "southamerica-east1", "São Paulo (southamerica-east1)", "SA" },
  { "gcp", "southamerica-west1", "Santiago (southamerica-west1)", "SA" },
  { "gcp", "us-central1", "Iowa (us-central1)", "US" },
  { "gcp", "us-east1", "South Carolina (us-east1)", "US" },
  { "gcp", "us-east4", "Northern Virginia (us-east4)", "US" },
  { "gcp", "us-east5", "Columbus (us-east5)", "US" },
  { "gcp", "us-south1", "Dallas (us-south1)", "US" },
  { "gcp", "us-west1", "Oregon (us-west1)", "US" },
  { "gcp", "us-west2", "Los Angeles (us-west2)", "US" },
  { "gcp", "us-west3", "Salt Lake City (us-west3)", "US" },
  { "gcp", "us-west4", "Las Vegas (us-west4)", "US" },
};

const SkySourceRegion *
sky_source_region_lookup (const char *provider,
                          const char *code)
{
  g_return_val_if_fail (provider != NULL && code != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    if (strcmp (regions[i].provider, provider) == 0 && strcmp (regions[i].code, code) == 0)
      return &regions[i];
  return NULL;
}

guint
sky_source_region_count (const char *provider)
{
  guint count = 0;

  g_return_val_if_fail (provider != NULL, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (regions); i++)
    if (strcmp (regions[i].provider, provider) == 0)
      count++;
  return count;
}
