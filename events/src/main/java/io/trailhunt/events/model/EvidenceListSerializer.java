package io.trailhunt.events.model;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evidence lists, written with each distinct string once per list. Detectors keep rolling samples
 * of one principal's calls as evidence and rewrite them on every call; on RocksDB that is a
 * serialization per event, and nearly every string in such a list (service, action, client,
 * region, address, place, bucket) repeats from one entry to the next. Flink's POJO serializer
 * wrote each again, and read and set each field by reflection.
 *
 * <p>A string is written as a code: 0 for null, 1 followed by the string when it is new in this
 * list, or 2 + its position among the list's strings so far.
 */
public final class EvidenceListSerializer extends TypeSerializerSingleton<List<Evidence>> {
    public static final EvidenceListSerializer INSTANCE = new EvidenceListSerializer();
    private static final long serialVersionUID = 1L;

    private EvidenceListSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public List<Evidence> createInstance() {
        return new ArrayList<>();
    }

    @Override
    public List<Evidence> copy(List<Evidence> from) {
        List<Evidence> out = new ArrayList<>(from.size());
        for (Evidence e : from) {
            out.add(e == null ? null : copyOf(e));
        }
        return out;
    }

    private static Evidence copyOf(Evidence e) {
        Evidence c = new Evidence();
        c.eventId = e.eventId;
        c.eventTime = e.eventTime;
        c.service = e.service;
        c.action = e.action;
        c.outcome = e.outcome;
        c.errorCode = e.errorCode;
        c.sourceIp = e.sourceIp;
        c.userAgent = e.userAgent;
        c.region = e.region;
        c.countryIso = e.countryIso;
        c.city = e.city;
        c.latitude = e.latitude;
        c.longitude = e.longitude;
        c.asn = e.asn;
        c.asOrg = e.asOrg;
        c.details = e.details == null ? null : new LinkedHashMap<>(e.details);
        return c;
    }

    @Override
    public List<Evidence> copy(List<Evidence> from, List<Evidence> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(List<Evidence> list, DataOutputView out) throws IOException {
        Strings strings = new Strings();
        writeVarInt(out, list.size());
        for (Evidence e : list) {
            if (e == null) {
                out.writeByte(0);
                continue;
            }
            out.writeByte(1);
            strings.write(e.eventId, out);
            out.writeLong(e.eventTime);
            strings.write(e.service, out);
            strings.write(e.action, out);
            strings.write(e.outcome == null ? null : e.outcome.name(), out); // by name: new outcomes may come in any order
            strings.write(e.errorCode, out);
            strings.write(e.sourceIp, out);
            strings.write(e.userAgent, out);
            strings.write(e.region, out);
            strings.write(e.countryIso, out);
            strings.write(e.city, out);
            writeDouble(e.latitude, out);
            writeDouble(e.longitude, out);
            out.writeBoolean(e.asn != null);
            if (e.asn != null) {
                out.writeLong(e.asn);
            }
            strings.write(e.asOrg, out);
            if (e.details == null) {
                writeVarInt(out, 0);
            } else {
                writeVarInt(out, e.details.size() + 1);
                for (Map.Entry<String, String> d : e.details.entrySet()) {
                    strings.write(d.getKey(), out);
                    strings.write(d.getValue(), out);
                }
            }
        }
    }

    @Override
    public List<Evidence> deserialize(DataInputView in) throws IOException {
        List<String> strings = new ArrayList<>();
        int size = readVarInt(in);
        List<Evidence> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (in.readByte() == 0) {
                list.add(null);
                continue;
            }
            Evidence e = new Evidence();
            e.eventId = read(strings, in);
            e.eventTime = in.readLong();
            e.service = read(strings, in);
            e.action = read(strings, in);
            String outcome = read(strings, in);
            e.outcome = outcome == null ? null : Outcome.valueOf(outcome);
            e.errorCode = read(strings, in);
            e.sourceIp = read(strings, in);
            e.userAgent = read(strings, in);
            e.region = read(strings, in);
            e.countryIso = read(strings, in);
            e.city = read(strings, in);
            e.latitude = readDouble(in);
            e.longitude = readDouble(in);
            e.asn = in.readBoolean() ? in.readLong() : null;
            e.asOrg = read(strings, in);
            int details = readVarInt(in);
            if (details == 0) {
                e.details = null;
            } else {
                for (int d = 1; d < details; d++) {
                    e.details.put(read(strings, in), read(strings, in));
                }
            }
            list.add(e);
        }
        return list;
    }

    @Override
    public List<Evidence> deserialize(List<Evidence> reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<List<Evidence>> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; a change of the format needs a new version here. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<List<Evidence>> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** The strings of one list being written, by position. */
    private static final class Strings {
        private final Map<String, Integer> seen = new HashMap<>();

        void write(String s, DataOutputView out) throws IOException {
            if (s == null) {
                writeVarInt(out, 0);
                return;
            }
            Integer at = seen.get(s);
            if (at != null) {
                writeVarInt(out, at + 2);
                return;
            }
            seen.put(s, seen.size());
            writeVarInt(out, 1);
            StringValue.writeString(s, out);
        }
    }

    private static String read(List<String> strings, DataInputView in) throws IOException {
        int code = readVarInt(in);
        if (code == 0) {
            return null;
        }
        if (code == 1) {
            String s = StringValue.readString(in);
            strings.add(s);
            return s;
        }
        return strings.get(code - 2);
    }

    private static void writeDouble(Double d, DataOutputView out) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeDouble(d);
        }
    }

    private static Double readDouble(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    static void writeVarInt(DataOutputView out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    static int readVarInt(DataInputView in) throws IOException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }
}
