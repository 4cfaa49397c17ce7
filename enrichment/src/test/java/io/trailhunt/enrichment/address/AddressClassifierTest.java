package io.trailhunt.enrichment.address;

import io.trailhunt.events.model.AddressKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet4Address;
import java.net.Inet6Address;

import static org.assertj.core.api.Assertions.assertThat;

class AddressClassifierTest {

    private static AddressKind kind(String s) {
        return AddressClassifier.classify(s).kind();
    }

    private static String address(String s) {
        ClassifiedAddress a = AddressClassifier.classify(s);
        return a.address() == null ? null : a.address().getHostAddress();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        // public, as written by CloudTrail, GCP and Azure
        "175.16.199.20|PUBLIC",
        "81.2.69.142|PUBLIC",
        "1.1.1.1:57484|PUBLIC",
        "216.160.83.58:59910|PUBLIC",
        "2001:480:3a::1|PUBLIC",
        "[2001:480:3a::1]:443|PUBLIC",
        "[2001:480:3a::1]|PUBLIC",
        "07da:0994:97fb:8db1:c68f:c109:fcdd:d594|PUBLIC",
        "::ffff:81.2.69.142|PUBLIC",
        "64:ff9b::5102:458e|PUBLIC",
        "100.63.255.255|PUBLIC",
        "100.128.0.1|PUBLIC",
        "172.15.0.1|PUBLIC",
        "172.32.0.1|PUBLIC",
        "192.169.0.1|PUBLIC",
        "169.253.1.1|PUBLIC",
        // private and shared ranges: never looked up
        "10.0.12.34|PRIVATE",
        "10.0.0.1:42781|PRIVATE",
        "172.16.0.1|PRIVATE",
        "172.31.255.255|PRIVATE",
        "192.168.1.20|PRIVATE",
        "100.64.0.1|PRIVATE",
        "100.127.255.254|PRIVATE",
        "127.0.0.1|PRIVATE",
        "169.254.169.254|PRIVATE",
        "::1|PRIVATE",
        "[::1]:8080|PRIVATE",
        "fd12:3456:789a::1|PRIVATE",
        "fc00::1|PRIVATE",
        "fe80::1ff:fe23:4567:890a|PRIVATE",
        "fe80::1%eth0|PRIVATE",
        "::ffff:10.1.2.3|PRIVATE",
        "::ffff:192.168.0.1|PRIVATE",
        "64:ff9b::a00:1|PRIVATE",
        "private|PRIVATE",
        "gce-internal-ip|PRIVATE",
        // reserved: documentation, benchmarking, multicast, unspecified
        "192.0.2.10|RESERVED",
        "198.51.100.7|RESERVED",
        "203.0.113.99|RESERVED",
        "198.18.0.1|RESERVED",
        "224.0.0.251|RESERVED",
        "255.255.255.255|RESERVED",
        "0.0.0.0|RESERVED",
        "::|RESERVED",
        "2001:db8::1|RESERVED",
        "ff02::1|RESERVED",
        // the calling service, in CloudTrail
        "ec2.amazonaws.com|CLOUD_SERVICE",
        "eks-nodegroup.amazonaws.com|CLOUD_SERVICE",
        "AWS Internal|CLOUD_SERVICE",
        "aws internal|CLOUD_SERVICE",
        // not addresses
        "redacted|INVALID",
        "<Attacker source IP>|INVALID",
        "1.2.3|INVALID",
        "1.2.3.4.5|INVALID",
        "256.1.1.1|INVALID",
        "1.2.3.4:|INVALID",
        "1.2.3.4:123456|INVALID",
        "1.2.3.4:http|INVALID",
        "01234.1.1.1|INVALID",
        "1..2.3|INVALID",
        "2001:db8::1::2|INVALID",
        "1:2:3:4:5:6:7:8:9|INVALID",
        "1:2:3:4:5:6:7|INVALID",
        "1:2:3:4:5:6:7:8::|INVALID",
        "12345::1|INVALID",
        "::g|INVALID",
        ":::1|INVALID",
        "1:2:3:4:5:6:7:|INVALID",
        "1.2.3.4::|INVALID",
        "[1.2.3.4]|INVALID",
        "[::1|INVALID",
        "[::1]:x|INVALID",
        "ec2.amazonaws.com:443|INVALID",
        "host.123|INVALID",
        "-|INVALID",
    })
    void classifies(String raw, AddressKind expected) {
        assertThat(kind(raw)).isEqualTo(expected);
    }

    @Test
    void missingAndBlankAddressesAreNone() {
        assertThat(kind(null)).isEqualTo(AddressKind.NONE);
        assertThat(kind("")).isEqualTo(AddressKind.NONE);
        assertThat(kind("   ")).isEqualTo(AddressKind.NONE);
    }

    @Test
    void portsBracketsAndZonesAreStrippedAndMappedFormsBecomeIpv4() {
        assertThat(address("1.1.1.1:57484")).isEqualTo("1.1.1.1");
        assertThat(address(" 81.2.69.142 ")).isEqualTo("81.2.69.142");
        assertThat(address("[2001:480:3a::1]:443")).isEqualTo("2001:480:3a:0:0:0:0:1");
        assertThat(address("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThat(address("1:2:3:4:5:6:7::")).isEqualTo("1:2:3:4:5:6:7:0");
        assertThat(address("::2:3:4:5:6:7:8")).isEqualTo("0:2:3:4:5:6:7:8");
        assertThat(address("1::8")).isEqualTo("1:0:0:0:0:0:0:8");
        assertThat(address("::1.2.3.4")).isEqualTo("0:0:0:0:0:0:102:304");
        assertThat(AddressClassifier.classify("::ffff:81.2.69.142").address()).isInstanceOf(Inet4Address.class);
        assertThat(address("::ffff:81.2.69.142")).isEqualTo("81.2.69.142");
        assertThat(address("::FFFF:5102:458E")).isEqualTo("81.2.69.142");
        assertThat(address("64:ff9b::5102:458e")).isEqualTo("81.2.69.142");
        assertThat(AddressClassifier.classify("2001:480:3a::1").address()).isInstanceOf(Inet6Address.class);
        assertThat(address("ec2.amazonaws.com")).isNull();
        assertThat(address("redacted")).isNull();
    }

    @Test
    void aHostNameIsNeverResolved() {
        // "localhost" and a real-looking domain would resolve through DNS with InetAddress.getByName.
        assertThat(AddressClassifier.classify("localhost").address()).isNull();
        assertThat(kind("localhost")).isEqualTo(AddressKind.INVALID);
        assertThat(AddressClassifier.classify("example.com").address()).isNull();
        assertThat(kind("example.com")).isEqualTo(AddressKind.CLOUD_SERVICE);
    }
}
