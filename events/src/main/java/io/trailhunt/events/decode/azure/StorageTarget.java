package io.trailhunt.events.decode.azure;

import java.util.Map;

/**
 * Storage account, container and blob of a storage request, from {@code objectKey}
 * ({@code /account/container/path/to/blob}) or, failing that, from the request {@code uri}.
 */
final class StorageTarget {
    private StorageTarget() {}

    static void collect(String accountName, String objectKey, String uri, String serviceType, Map<String, String> into) {
        String account = accountName;
        String path = null; // "container/blob..." without the account
        if (objectKey != null && objectKey.startsWith("/")) {
            int slash = objectKey.indexOf('/', 1);
            String keyAccount = slash < 0 ? objectKey.substring(1) : objectKey.substring(1, slash);
            if (account == null && !keyAccount.isEmpty()) {
                account = keyAccount;
            }
            path = slash < 0 ? null : objectKey.substring(slash + 1);
        } else if (uri != null) {
            String[] hostAndPath = hostAndPath(uri);
            if (hostAndPath != null) {
                int dot = hostAndPath[0].indexOf('.');
                if (account == null && dot > 0) {
                    account = hostAndPath[0].substring(0, dot);
                }
                path = hostAndPath[1];
            }
        }
        put(into, "storageAccount", account);
        // Container and blob are blob-service words; file shares and queues are left at the account.
        if (path == null || path.isEmpty() || (serviceType != null && !"blob".equalsIgnoreCase(serviceType))) {
            return;
        }
        int slash = path.indexOf('/');
        put(into, "container", slash < 0 ? path : path.substring(0, slash));
        put(into, "blob", slash < 0 ? null : path.substring(slash + 1));
    }

    /** {"acct.blob.core.windows.net", "container/blob"} of an https URI, without port and query. */
    private static String[] hostAndPath(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int hostStart = scheme + 3;
        int end = uri.length();
        int query = uri.indexOf('?', hostStart);
        if (query >= 0) {
            end = query;
        }
        int pathStart = uri.indexOf('/', hostStart);
        if (pathStart < 0 || pathStart > end) {
            pathStart = end;
        }
        String host = uri.substring(hostStart, pathStart);
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        String path = pathStart < end ? uri.substring(pathStart + 1, end) : "";
        return new String[] {host, path};
    }

    private static void put(Map<String, String> into, String key, String value) {
        if (value != null && !value.isEmpty()) {
            into.put(key, value);
        }
    }
}
