package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;

/**
 * Records that resemble Azure logs but are another product's shape of them. Their fields mean
 * something else or are spelled otherwise, so they are named and set aside rather than decoded
 * by guessing.
 */
final class AzureLookalikes {
    private AzureLookalikes() {}

    /** Why the record is not an Azure log this decoder reads, or null when it may be one. */
    static String reasonFor(JsonNode r) {
        if (r.has("Workload") && r.has("Operation") && (r.has("CreationTime") || r.has("RecordType"))) {
            return "Microsoft 365 Management Activity API record (Workload '" + Json.text(r, "Workload")
                    + "'), not an Azure log this decoder reads";
        }
        if (!r.has("operationName") && (r.has("TimeGenerated") || r.has("OperationName"))) {
            String table = Json.text(r, "Type");
            return "Microsoft Sentinel / Log Analytics table row" + (table == null ? "" : " of table '" + table + "'")
                    + " (PascalCase columns such as 'TimeGenerated'), not a raw Azure log record";
        }
        if (!r.has("operationName") && (r.has("operationname") || r.has("resourceid") || r.has("calleripaddress"))) {
            return "Azure record with lower-cased field names ('operationname', 'resourceid', ...), as a data lake"
                    + " rewrote them, not as Azure writes them";
        }
        return null;
    }
}
