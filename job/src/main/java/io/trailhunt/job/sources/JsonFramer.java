package io.trailhunt.job.sources;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a file into records without knowing its format in advance: JSON lines (one value per
 * line), one or more pretty-printed JSON documents (a CloudTrail delivery file, a JSON array), or
 * text that is not JSON at all (each line then becomes a record the decoder rejects).
 *
 * <p>The mode is chosen from the first record: if it is a JSON value that fits on one line, the
 * file is read line by line, so one truncated line cannot swallow the lines after it; otherwise
 * values are cut where their brackets balance. A record longer than the limit is not buffered
 * past the limit: its length is counted and its first bytes kept for the dead letter.
 */
final class JsonFramer {
    /** One record cut from the file. */
    static final class Frame {
        /** The record, or its first bytes when {@link #oversize}. */
        final byte[] bytes;
        final long length;
        final long line;
        final boolean oversize;

        Frame(byte[] bytes, long length, long line, boolean oversize) {
            this.bytes = bytes;
            this.length = length;
            this.line = line;
            this.oversize = oversize;
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int SHRINK_ABOVE = 1024 * 1024;

    private final InputStream in;
    private final int maxRecordBytes;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1;
    /** null until the first record decides it. */
    private Boolean lineMode;
    private boolean frameSpansLines;
    private boolean started;

    private byte[] frame = new byte[4096];
    private int frameLen;
    private long frameTotal;

    JsonFramer(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The line the framer has reached. */
    long line() {
        return line;
    }

    /** The next record, or null at the end of the file. */
    Frame next() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        if (!skipWhitespace()) {
            return null;
        }
        long startLine = line;
        frameLen = 0;
        frameTotal = 0;
        int first = peek();
        if (Boolean.TRUE.equals(lineMode) || (first != '{' && first != '[')) {
            readLine();
            if (lineMode == null) {
                lineMode = true;
            }
        } else {
            frameSpansLines = false;
            readJsonValue();
            if (lineMode == null) {
                lineMode = !frameSpansLines; // one value per line (or cut short on its first line)
            }
        }
        Frame f = new Frame(Arrays.copyOf(frame, frameLen), frameTotal, startLine, frameTotal > maxRecordBytes);
        if (frame.length > SHRINK_ABOVE) {
            frame = new byte[4096]; // one huge record must not pin its buffer for the rest of the file
        }
        return f;
    }

    /** Copies bytes up to the next line break in bulk: this is the hot loop for JSON-lines files. */
    private void readLine() throws IOException {
        while (true) {
            if (pos >= limit && fill(1) < 1) {
                break;
            }
            int start = pos;
            int end = start;
            while (end < limit && buf[end] != '\n') {
                end++;
            }
            appendRange(start, end - start);
            pos = end;
            if (end < limit) {
                pos++; // the line break
                line++;
                break;
            }
        }
        // Windows line ends: the '\r' belongs to the line break, not the record.
        if (frameLen > 0 && frame[frameLen - 1] == '\r' && frameTotal <= maxRecordBytes) {
            frameLen--;
            frameTotal--;
        }
    }

    private void appendRange(int from, int length) {
        long room = Math.max(0, maxRecordBytes - frameTotal);
        frameTotal += length;
        int keep = (int) Math.min(length, room);
        if (keep == 0) {
            return;
        }
        if (frameLen + keep > frame.length) {
            frame = Arrays.copyOf(frame, (int) Math.min(Math.max((long) frame.length * 2, frameLen + keep), maxRecordBytes));
        }
        System.arraycopy(buf, from, frame, frameLen, keep);
        frameLen += keep;
    }

    /**
     * Reads one JSON object or array by bracket depth, minding strings and escapes; stops at EOF if
     * unbalanced. Two signs of a record cut short (a partial write) end it early, so the damage
     * stays on its line: a raw line break inside a string (JSON strings cannot hold one), and a
     * line that starts with '{' where the value so far could not continue with one.
     */
    private void readJsonValue() throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int lastSignificant = 0;
        int b;
        while ((b = read()) >= 0) {
            if (b == '\n') {
                line++;
                if (inString) {
                    return; // a broken string: the record ends with its line
                }
                if (depth > 0 && peek() == '{' && lastSignificant != ',' && lastSignificant != '[' && lastSignificant != '{' && lastSignificant != ':') {
                    return; // the next line is a new record, this one was cut short
                }
                append(b);
                frameSpansLines = true;
                continue;
            }
            append(b);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    lastSignificant = b;
                }
                continue;
            }
            if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth <= 0) {
                    return;
                }
            }
            if (b != ' ' && b != '\t' && b != '\r') {
                lastSignificant = b;
            }
        }
    }

    private void append(int b) {
        frameTotal++;
        if (frameTotal > maxRecordBytes) {
            return; // counted, not kept: the dead letter needs only the length and the first bytes
        }
        if (frameLen == frame.length) {
            frame = Arrays.copyOf(frame, (int) Math.min((long) frame.length * 2, maxRecordBytes));
        }
        frame[frameLen++] = (byte) b;
    }

    private boolean skipWhitespace() throws IOException {
        while (true) {
            int b = peek();
            if (b < 0) {
                return false;
            }
            if (b == '\n') {
                line++;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return true;
            }
            pos++;
        }
    }

    private void skipByteOrderMark() throws IOException {
        if (fill(3) >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
            pos += 3;
        }
    }

    private int peek() throws IOException {
        if (pos >= limit && fill(1) < 1) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private int read() throws IOException {
        if (pos >= limit && fill(1) < 1) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Makes at least {@code n} bytes available if the stream has them; returns how many are. */
    private int fill(int n) throws IOException {
        if (limit - pos >= n || eof) {
            return limit - pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos;
    }
}
