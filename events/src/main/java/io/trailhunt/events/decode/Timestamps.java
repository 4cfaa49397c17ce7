package io.trailhunt.events.decode;

/**
 * Parses the timestamp spellings audit logs use into epoch milliseconds UTC, without
 * java.time's formatter machinery (this runs once per event on the hot path).
 *
 * <p>Accepted: {@code 2024-07-31T13:06:24Z}, fractions of 1-9 digits, a space instead of the
 * {@code T}, a {@code +hh:mm}/{@code +hhmm}/{@code Z} offset or none (read as UTC: Panther and
 * Azure export UTC times without a zone).
 */
public final class Timestamps {
    private Timestamps() {}

    /** Epoch millis for {@code text}; throws with a reason naming {@code field} when it is not a time. */
    public static long parse(String text, String field) throws RecordRejectedException {
        if (text == null) {
            throw new RecordRejectedException("no event time: field '" + field + "' is missing");
        }
        long t = parseOrMin(text);
        if (t == Long.MIN_VALUE) {
            throw new RecordRejectedException("unparseable event time in '" + field + "': '" + abbreviate(text) + "'");
        }
        return t;
    }

    /** Epoch millis, or Long.MIN_VALUE when the text is not a timestamp this parser knows. */
    public static long parseOrMin(String s) {
        int n = s.length();
        if (n < 19) {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != ' ' && sep != 't') {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            int scale = 100;
            while (i < n && Character.isDigit(s.charAt(i))) {
                millis += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return Long.MIN_VALUE;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i == n - 1) {
                i++;
            } else if (c == '+' || c == '-') {
                int oh = digits(s, i + 1, 2);
                int om;
                if (n == i + 6 && s.charAt(i + 3) == ':') {
                    om = digits(s, i + 4, 2);
                } else if (n == i + 5) {
                    om = digits(s, i + 3, 2);
                } else if (n == i + 3) {
                    om = 0;
                } else {
                    return Long.MIN_VALUE;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return Long.MIN_VALUE;
                }
                offsetSeconds = (c == '+' ? 1 : -1) * (oh * 3600 + om * 60);
                i = n;
            } else {
                return Long.MIN_VALUE;
            }
        }
        if (i != n) {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(year, month, day);
        long secs = days * 86400L + hour * 3600L + minute * 60L + Math.min(second, 59) - offsetSeconds;
        return secs * 1000L + millis;
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
