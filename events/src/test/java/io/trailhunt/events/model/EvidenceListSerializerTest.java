package io.trailhunt.events.model;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceListSerializerTest {
    private static final EvidenceListSerializer SERIALIZER = EvidenceListSerializer.INSTANCE;

    private static Evidence read(int i) {
        Evidence e = new Evidence();
        e.eventId = "0b5c3a4e-7f61-4a8e-9c1d-" + String.format("%012d", i);
        e.eventTime = 1_722_431_184_000L + i * 1_000L;
        e.service = "s3.amazonaws.com";
        e.action = "GetObject";
        e.outcome = i % 5 == 0 ? Outcome.FAILURE : Outcome.SUCCESS;
        e.errorCode = i % 5 == 0 ? "AccessDenied" : null;
        e.sourceIp = "81.2.69.142";
        e.userAgent = "[aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1014-aws exe/x86_64.ubuntu.22 prompt/off command/s3.cp]";
        e.region = "eu-west-1";
        e.countryIso = "GB";
        e.city = "London";
        e.latitude = 51.5142;
        e.longitude = -0.0931;
        e.asn = 20712L;
        e.asOrg = "Andrews & Arnold Ltd";
        e.details.put("bucket", "finance-exports");
        e.details.put("objectKey", "2024/07/ledger-" + i + ".csv");
        return e;
    }

    private static byte[] bytes(TypeSerializer<List<Evidence>> serializer, List<Evidence> list) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(list, out);
        return out.getCopyOfBuffer();
    }

    private static List<Evidence> back(byte[] bytes) throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        List<Evidence> list = SERIALIZER.deserialize(in);
        assertThat(in.available()).isZero();
        return list;
    }

    @Test
    void everyFieldOfEvidenceSurvivesTheRoundTrip() throws Exception {
        Evidence full = read(5);
        // A field added to Evidence must be added to the serializer too: this fails until it is.
        for (Field f : Evidence.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                Object v = f.get(full);
                assertThat(v).as("test sample sets %s", f.getName()).isNotNull();
                assertThat(v).as("test sample sets %s", f.getName()).isNotEqualTo(f.get(new Evidence()));
            }
        }
        List<Evidence> list = back(bytes(SERIALIZER, List.of(full)));
        for (Field f : Evidence.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(f.get(list.get(0))).as(f.getName()).isEqualTo(f.get(full));
            }
        }
    }

    @Test
    void nullsEmptyListsAndNullEntriesSurvive() throws Exception {
        Evidence bare = new Evidence();
        bare.details = null;
        Evidence noGeo = new Evidence();
        noGeo.eventId = "x";
        noGeo.details.put("k", null);
        List<Evidence> list = new ArrayList<>(Arrays.asList(bare, null, noGeo, read(1)));
        assertThat(back(bytes(SERIALIZER, list))).isEqualTo(list);
        assertThat(back(bytes(SERIALIZER, List.of()))).isEmpty();
        assertThat(back(bytes(SERIALIZER, List.of(bare))).get(0).details).isNull();
    }

    @Test
    void repeatedStringsAreWrittenOnceSoARollingSampleTakesUnderHalfWhatPojosTook() throws Exception {
        List<Evidence> sample = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            sample.add(read(i));
        }
        byte[] compact = bytes(SERIALIZER, sample);
        TypeSerializer<List<Evidence>> pojos = Types.LIST(Types.POJO(Evidence.class)).createSerializer(new SerializerConfigImpl());
        byte[] before = bytes(pojos, sample);

        assertThat(back(compact)).isEqualTo(sample);
        assertThat(compact.length * 2).isLessThan(before.length); // 2,341 bytes against 6,316: ids and object keys differ
    }

    @Test
    void copiesAreDeep() {
        List<Evidence> list = List.of(read(1));
        List<Evidence> copy = SERIALIZER.copy(list);
        copy.get(0).details.put("bucket", "other");
        assertThat(list.get(0).details.get("bucket")).isEqualTo("finance-exports");
        assertThat(copy.get(0)).isNotSameAs(list.get(0));
    }

    @Test
    void statesAndFindingsUseItAndItsSnapshotRestoresIt() throws Exception {
        TypeInformation<Finding> finding = TypeInformation.of(Finding.class);
        assertThat(finding.toString()).contains("evidence: List<Evidence>");

        TypeSerializerSnapshot<List<Evidence>> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<List<Evidence>> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(SERIALIZER);
        TypeSerializerSchemaCompatibility<List<Evidence>> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    @Test
    void varIntsRoundTripAcrossTheirByteBoundaries() throws Exception {
        for (int v : new int[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE}) {
            DataOutputSerializer out = new DataOutputSerializer(8);
            EvidenceListSerializer.writeVarInt(out, v);
            assertThat(EvidenceListSerializer.readVarInt(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(v);
        }
    }
}
