package io.trailhunt.job.sources;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream that reads its header on first use rather than on construction, so a corrupt
 * header is reported where the reader turns read errors into dead letters.
 */
final class LazyGzipInputStream extends FilterInputStream {
    private boolean opened;

    LazyGzipInputStream(InputStream compressed) {
        super(compressed);
    }

    private void open() throws IOException {
        if (!opened) {
            opened = true;
            in = new GZIPInputStream(in, 64 * 1024);
        }
    }

    @Override
    public int read() throws IOException {
        open();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        open();
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        open();
        return in.skip(n);
    }

    @Override
    public int available() throws IOException {
        open();
        return in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
