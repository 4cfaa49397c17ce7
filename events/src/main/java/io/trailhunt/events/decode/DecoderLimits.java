package io.trailhunt.events.decode;

import java.io.Serializable;

/**
 * Bounds on what one input record may cost to decode. A record over a bound is dead-lettered,
 * never buffered whole or parsed without limit: one hostile or broken record must not take a
 * task manager down.
 */
public final class DecoderLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final int DEFAULT_MAX_STRING_LENGTH = 4 * 1024 * 1024;
    public static final int DEFAULT_DEAD_LETTER_PREFIX_BYTES = 1024;

    /** Largest record accepted, in bytes, after gzip decompression (CloudTrail files reach tens of MB). */
    public final int maxRecordBytes;
    /** Deepest JSON nesting accepted. */
    public final int maxNestingDepth;
    /** Longest JSON string value accepted, in characters. */
    public final int maxStringLength;
    /** How much of a rejected record a dead letter keeps. */
    public final int deadLetterPrefixBytes;

    public DecoderLimits(int maxRecordBytes, int maxNestingDepth, int maxStringLength, int deadLetterPrefixBytes) {
        if (maxRecordBytes <= 0 || maxNestingDepth <= 0 || maxStringLength <= 0 || deadLetterPrefixBytes < 0) {
            throw new IllegalArgumentException("decoder limits must be positive");
        }
        this.maxRecordBytes = maxRecordBytes;
        this.maxNestingDepth = maxNestingDepth;
        this.maxStringLength = maxStringLength;
        this.deadLetterPrefixBytes = deadLetterPrefixBytes;
    }

    public static DecoderLimits defaults() {
        return new DecoderLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_DEAD_LETTER_PREFIX_BYTES);
    }

    @Override
    public String toString() {
        return "DecoderLimits{maxRecordBytes=" + maxRecordBytes + ", maxNestingDepth=" + maxNestingDepth
                + ", maxStringLength=" + maxStringLength + ", deadLetterPrefixBytes=" + deadLetterPrefixBytes + "}";
    }
}
