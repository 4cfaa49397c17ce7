package io.trailhunt.job.sinks;

import io.trailhunt.events.decode.EventIds;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Partition keys: findings by principal, dead letters by origin, spread over a stream's shards. */
class StreamSinksTest {
    private static final int SHARDS = 4;

    /** The shard Kinesis puts a partition key on, for a stream whose shards split the hash key range evenly. */
    private static int shard(String partitionKey) throws Exception {
        BigInteger hash = new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        return hash.multiply(BigInteger.valueOf(SHARDS)).shiftRight(128).intValueExact();
    }

    private static Finding finding(String user, String eventId) {
        return FindingBuilder.rule("log-tampering").about(EventBuilder.aws("cloudtrail.amazonaws.com", "StopLogging")
                        .principal("arn:aws:iam::111122223333:user/" + user).build())
                .title("t").severity(Severity.HIGH)
                .evidence(EventBuilder.aws("cloudtrail.amazonaws.com", "StopLogging").id(eventId).principal("arn:aws:iam::111122223333:user/" + user).build())
                .build();
    }

    @Test
    void findingsOfOnePrincipalShareTheirPrincipalsKey() {
        KeyedLine a = OutputLines.finding(finding("alice", "e1"), false);
        KeyedLine b = OutputLines.finding(finding("alice", "e2"), true);
        KeyedLine c = OutputLines.finding(finding("bob", "e3"), false);

        assertThat(a.key).isEqualTo("aws|111122223333|arn:aws:iam::111122223333:user/alice");
        assertThat(b.key).isEqualTo(a.key);
        assertThat(StreamSinks.kinesisPartitionKey(a)).isEqualTo(EventIds.sha256Hex(a.key).substring(0, 32)).hasSize(32);
        assertThat(StreamSinks.kinesisPartitionKey(b)).isEqualTo(StreamSinks.kinesisPartitionKey(a));
        assertThat(StreamSinks.kinesisPartitionKey(c)).isNotEqualTo(StreamSinks.kinesisPartitionKey(a));
    }

    @Test
    void deadLettersAreKeyedByOriginAndSpreadOverTheShards() throws Exception {
        String arn = "arn:aws:kinesis:us-east-1:111122223333:stream/cloudtrail";
        Set<String> keys = new HashSet<>();
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            String origin = "kinesis:" + arn + "/shardId-000000000000@4965652473271816253440000000000000000000000000" + (100 + i);
            KeyedLine line = OutputLines.deadLetter(new DeadLetter("not JSON", origin, "garbage", 7, null));
            assertThat(line.key).isEqualTo(origin);
            String key = StreamSinks.kinesisPartitionKey(line);
            keys.add(key);
            shards.add(shard(key));
        }
        assertThat(keys).hasSize(64);
        assertThat(shards).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void aLineWithoutAKeyIsSpreadByItsContent() {
        KeyedLine one = new KeyedLine(null, "{\"reason\":\"a\"}");
        KeyedLine two = new KeyedLine(null, "{\"reason\":\"b\"}");
        assertThat(StreamSinks.kinesisPartitionKey(one)).isEqualTo(EventIds.sha256Hex(one.line).substring(0, 32));
        assertThat(StreamSinks.kinesisPartitionKey(one)).isNotEqualTo(StreamSinks.kinesisPartitionKey(two));
    }
}
