package io.trailhunt.detectors.hours;

import org.junit.jupiter.api.Test;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static org.assertj.core.api.Assertions.assertThat;

class SensitiveCallsTest {
    @Test
    void secretReadsAreFoundByTheirVerbOnEveryCloud() {
        assertThat(SensitiveCalls.kind(aws("secretsmanager.amazonaws.com", "GetSecretValue").build())).isEqualTo("secret or key read");
        assertThat(SensitiveCalls.kind(azure("Microsoft.Storage", "MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION").build()))
                .isEqualTo("secret or key read");
        assertThat(SensitiveCalls.kind(azure("Microsoft.Compute", "Microsoft.Compute/virtualMachines/restart/action").build())).isNull();
        assertThat(SensitiveCalls.kind(aws("ec2.amazonaws.com", "DescribeInstances").build())).isNull();
    }
}
