package io.trailhunt.detectors.realdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.testing.RealLogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OTRF's {@code AWS_S3_HoneyBucketLogs.csv} is not CloudTrail: it is a honey-bucket alert export,
 * one row per alert with the CloudTrail fields it kept (event name, request and event ids, the
 * userIdentity and requestParameters as Python dict text, event time, source address, user
 * agent) and an alert-side "Repeated Attempts" count. Each row is rebuilt into the CloudTrail
 * record it came from, with only those fields (eventSource s3, region eu-west-1 as the Host says,
 * a data event), and decoded by the real decoder. Nothing is invented: the owner account, the
 * outcome and errorCode are not in the export, so records carry none (refusals cannot be
 * judged), and "Repeated Attempts" is not expanded into calls that are not in the file.
 */
final class HoneyBucketCsv {
    static final String FILE = "otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HoneyBucketCsv() {}

    static List<AuditEvent> events() {
        String text = new String(RealLogs.bytes(FILE), StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<List<String>> rows = parse(text);
        List<String> header = rows.get(0);
        List<byte[]> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            records.add(cloudTrail(header, row).toString().getBytes(StandardCharsets.UTF_8));
        }
        return RealLogsPart2Test.decodeLines(records, FILE);
    }

    private static ObjectNode cloudTrail(List<String> header, List<String> row) {
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "1.08");
        r.set("userIdentity", pythonDict(value(header, row, "User ID")));
        r.put("eventTime", value(header, row, "Event DateTime"));
        r.put("eventSource", "s3.amazonaws.com");
        r.put("eventName", value(header, row, "Event Name"));
        r.put("awsRegion", "eu-west-1");
        r.put("sourceIPAddress", value(header, row, "Source IP"));
        String ua = value(header, row, "Request User Agent");
        if (!ua.isEmpty()) {
            r.put("userAgent", ua);
        }
        r.set("requestParameters", pythonDict(value(header, row, "Request Parameters")));
        r.put("requestID", value(header, row, "Request ID"));
        r.put("eventID", value(header, row, "Event ID"));
        r.put("readOnly", !value(header, row, "Event Name").equals("PutObject"));
        r.put("eventType", value(header, row, "Event Type"));
        r.put("managementEvent", false);
        r.put("eventCategory", "Data");
        return r;
    }

    private static String value(List<String> header, List<String> row, String column) {
        int i = header.indexOf(column);
        return i < row.size() ? row.get(i) : "";
    }

    /** {'type': 'AWSAccount', 'accountId': 'ANONYMOUS_PRINCIPAL'}: no value in the file holds a quote. */
    private static JsonNode pythonDict(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException("not a dict: " + text, e);
        }
    }

    /** RFC 4180: commas, double-quoted fields with "" for a quote, CRLF or LF rows. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
