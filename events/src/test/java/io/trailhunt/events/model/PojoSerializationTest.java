package io.trailhunt.events.model;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record type travels through Flink as a POJO, never through Kryo. */
class PojoSerializationTest {

    @Test
    void everyRecordTypeIsAPojoWithoutKryo() {
        for (Class<?> type : List.of(AuditEvent.class, Geo.class, Evidence.class, Finding.class, DeadLetter.class, Decoded.class)) {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
        }
    }

    @Test
    void auditEventSurvivesASerializationRoundTrip() throws Exception {
        AuditEvent e = new AuditEvent();
        e.eventId = "id-1";
        e.eventTime = 1_722_431_184_000L;
        e.cloud = Cloud.AWS;
        e.account = "143434273843";
        e.principal = "arn:aws:iam::143434273843:user/christophe";
        e.principalType = PrincipalType.USER;
        e.principalTypeRaw = "IAMUser";
        e.action = "StopLogging";
        e.outcome = Outcome.SUCCESS;
        e.category = Category.MANAGEMENT;
        e.readOnly = false;
        e.resources.put("trailName", "main");
        e.params.put("name", "main");
        e.geo = new Geo();
        e.geo.countryIso = "GB";
        e.geo.latitude = 51.5142;
        e.geo.torExitNode = true;
        e.geoIp = e.geo.copy();
        e.geoIp.city = "London";
        e.sourceIpKind = AddressKind.PUBLIC;

        AuditEvent back = roundTrip(e, AuditEvent.class);
        assertThat(back).isEqualTo(e);
        assertThat(back.geoIp.city).isEqualTo("London");
        assertThat(back.sourceIpKind).isEqualTo(AddressKind.PUBLIC);
    }

    @Test
    void aCopiedGeoEqualsItsOriginalAndIsIndependent() {
        Geo g = new Geo();
        g.source = Geo.SOURCE_GEOIP;
        g.countryIso = "SE";
        g.city = "Linköping";
        g.latitude = 58.4167;
        g.longitude = 15.6167;
        g.accuracyRadiusKm = 76;
        g.timeZone = "Europe/Stockholm";
        g.asn = 29518L;
        g.asOrg = "Bredband2 AB";
        g.anonymous = true;
        g.anonymousVpn = true;
        g.hostingProvider = true;
        g.publicProxy = true;
        g.residentialProxy = true;
        g.torExitNode = true;
        g.country = "Sweden";
        g.region = "Östergötland";

        Geo c = g.copy();
        assertThat(c).isEqualTo(g).isNotSameAs(g);
        c.city = "Lund";
        assertThat(g.city).isEqualTo("Linköping");
    }

    @Test
    void findingSurvivesASerializationRoundTrip() throws Exception {
        Finding f = new Finding();
        f.findingId = "f-1";
        f.ruleId = "log-tampering";
        f.severity = Severity.HIGH;
        f.mitre.add("T1562.008");
        f.cloud = Cloud.GCP;
        f.sourceIps.add("81.2.69.142");
        Evidence ev = new Evidence();
        ev.eventId = "e-1";
        ev.outcome = Outcome.FAILURE;
        ev.details.put("trailName", "main");
        f.evidence.add(ev);
        f.facts.put("failedAttempts", "2");

        assertThat(roundTrip(f, Finding.class)).isEqualTo(f);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
