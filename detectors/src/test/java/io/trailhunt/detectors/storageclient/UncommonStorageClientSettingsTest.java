package io.trailhunt.detectors.storageclient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code clients} replaces the default list, {@code extra-clients} extends it; bad lists fail at start-up naming the key. */
class UncommonStorageClientSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Section section(String json) throws Exception {
        return new Section("rules.uncommon-storage-client", JSON.readTree(json.replace('\'', '"')));
    }

    private static List<String> clients(String json) throws Exception {
        Section s = section(json);
        List<String> names = UncommonStorageClientSettings.from(s).clients().names();
        s.rejectUnknownKeys(); // every key here is one the settings read
        return names;
    }

    private static List<String> defaultsAnd(String... more) {
        List<String> out = new ArrayList<>(StorageClients.DEFAULTS);
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void withoutEitherKeyTheDefaultsApply() throws Exception {
        assertThat(clients("{}")).isEqualTo(StorageClients.DEFAULTS);
        assertThat(UncommonStorageClientSettings.from(section("{}"))).isEqualTo(UncommonStorageClientSettings.defaults());
    }

    @Test
    void extraClientsExtendTheDefaults() throws Exception {
        assertThat(clients("{'extra-clients': ['Commander One', 'FileZilla Pro']}")).isEqualTo(defaultsAnd("Commander One", "FileZilla Pro"));
        // a default named again, in another case, is kept once, as the default spells it
        assertThat(clients("{'extra-clients': ['rclone', 'CYBERDUCK', 'Commander One']}")).isEqualTo(defaultsAnd("Commander One"));
        // a single string is a list of one
        assertThat(clients("{'extra-clients': 'Commander One'}")).isEqualTo(defaultsAnd("Commander One"));
    }

    @Test
    void clientsReplaceTheDefaultsAndExtraClientsExtendThem() throws Exception {
        assertThat(clients("{'clients': ['S3 Browser', 'Cyberduck']}")).containsExactly("S3 Browser", "Cyberduck");
        assertThat(clients("{'clients': ['S3 Browser', 's3 browser'], 'extra-clients': ['Commander One']}"))
                .containsExactly("S3 Browser", "Commander One");
    }

    @Test
    void theExtendedListIsWhatTheDetectorMatches() throws Exception {
        StorageClients c = UncommonStorageClientSettings.from(section("{'extra-clients': ['Commander One']}")).clients();
        assertThat(c.match("Commander One/3.6 (Mac OS X)")).isEqualTo("Commander One");
        assertThat(c.match("S3 Browser/12.2.9 (https://s3browser.com)")).isEqualTo("S3 Browser");
    }

    @Test
    void badListsFailNamingTheKey() {
        assertThatThrownBy(() -> clients("{'extra-clients': ['Commander One', ' ']}")).isInstanceOf(SettingsException.class)
                .hasMessage("rules.uncommon-storage-client.extra-clients: an empty client name would match every user agent");
        assertThatThrownBy(() -> clients("{'clients': ['']}")).isInstanceOf(SettingsException.class)
                .hasMessage("rules.uncommon-storage-client.clients: an empty client name would match every user agent");
        assertThatThrownBy(() -> clients("{'clients': []}")).isInstanceOf(SettingsException.class)
                .hasMessage("rules.uncommon-storage-client.clients: is empty, so the rule could never match: set enabled: false to turn it off");
        assertThatThrownBy(() -> clients("{'extra-clients': {'name': 'x'}}")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("rules.uncommon-storage-client.extra-clients: must be a list of strings");
        assertThatThrownBy(() -> clients("{'extra-client': ['x']}")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("rules.uncommon-storage-client.extra-client: unknown key; the keys here are: enabled, clients, extra-clients");
    }

    @Test
    void anEmptyListIsFineWhenTheRuleIsOff() throws Exception {
        assertThat(UncommonStorageClientSettings.from(section("{'enabled': false, 'clients': []}")).enabled()).isFalse();
    }
}
