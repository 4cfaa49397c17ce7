package io.trailhunt.events.decode.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerAddressTest {

    @Test
    void stripsAPortFromIpv4AndBracketedIpv6() {
        assertThat(CallerAddress.strip("203.0.113.7:51234")).isEqualTo("203.0.113.7");
        assertThat(CallerAddress.strip("[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(CallerAddress.strip("[2001:db8::1]")).isEqualTo("2001:db8::1");
    }

    @Test
    void keepsBareAddressesAndServiceNamesAsTheyAre() {
        assertThat(CallerAddress.strip("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(CallerAddress.strip("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(CallerAddress.strip("2600:1ffe:8140::a47:a85a")).isEqualTo("2600:1ffe:8140::a47:a85a");
        assertThat(CallerAddress.strip("ec2.amazonaws.com")).isEqualTo("ec2.amazonaws.com");
        assertThat(CallerAddress.strip("AWS Internal")).isEqualTo("AWS Internal");
        assertThat(CallerAddress.strip("225.01.00.16")).isEqualTo("225.01.00.16"); // Stratus' scrubbed form
        assertThat(CallerAddress.strip(null)).isNull();
    }

    @Test
    void leavesThingsThatOnlyLookLikeAnAddressWithAPortAlone() {
        assertThat(CallerAddress.strip("host.example:80")).isEqualTo("host.example:80");
        assertThat(CallerAddress.strip("1.2.3:80")).isEqualTo("1.2.3:80");
        assertThat(CallerAddress.strip("1.2.3.4:")).isEqualTo("1.2.3.4:");
        assertThat(CallerAddress.strip("1.2.3.4:8x")).isEqualTo("1.2.3.4:8x");
        assertThat(CallerAddress.strip("1234.2.3.4:80")).isEqualTo("1234.2.3.4:80");
        assertThat(CallerAddress.strip("[2001:db8::1]:https")).isEqualTo("[2001:db8::1]:https");
        assertThat(CallerAddress.strip("[]:80")).isEqualTo("[]:80");
    }
}
