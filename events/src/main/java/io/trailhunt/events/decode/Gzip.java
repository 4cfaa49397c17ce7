package io.trailhunt.events.decode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gzip detection by magic bytes (not file names) and size-bounded inflation. */
public final class Gzip {
    private Gzip() {}

    public static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /**
     * Inflates {@code gz}, stopping with a rejection as soon as the output would pass
     * {@code maxBytes}: a small gzip bomb must not become a large buffer.
     */
    public static byte[] inflate(byte[] gz, int maxBytes) throws RecordRejectedException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(1024, gz.length * 8)));
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new RecordRejectedException("gzip record inflates to more than " + maxBytes
                            + " bytes, over the limit (decoding.max-record-bytes)");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new RecordRejectedException("corrupt gzip data: " + e.getMessage());
        }
    }
}
