package io.trailhunt.job.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliArgumentsTest {
    @Test
    void runWithInputsAndOutput() {
        CliArguments a = CliArguments.parse(new String[] {"run", "--input", "a", "b/", "--output", "out.jsonl"});
        assertThat(a).isEqualTo(new CliArguments("run", null, List.of("a", "b/"), "out.jsonl", null, null));
    }

    @Test
    void runAlone() {
        assertThat(CliArguments.parse(new String[] {"run"}).inputs()).isEmpty();
    }

    @Test
    void mistakesSayWhatToTypeInstead() {
        assertThatThrownBy(() -> CliArguments.parse(new String[0])).isInstanceOf(UsageException.class).hasMessageStartingWith("no command given\nusage: trailhunt run");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"hunt"})).hasMessageStartingWith("unknown command 'hunt': the command is 'run'");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--input"})).hasMessageStartingWith("--input needs at least one file or folder");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--output"})).hasMessageStartingWith("--output needs a value");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--ouput", "x"})).hasMessageStartingWith("unknown option '--ouput'");
        assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--dead-letters", "d.jsonl"})).hasMessageStartingWith("--dead-letters goes with --output");
    }

    @Test
    void aSingleValuedOptionGivenTwiceIsRefusedAndInputsAddUp() {
        for (String option : new String[] {"--output", "--config", "--dead-letters", "--flink-conf"}) {
            assertThatThrownBy(() -> CliArguments.parse(new String[] {"run", "--output", "o.jsonl", option, "a", option, "b"}))
                    .isInstanceOf(UsageException.class)
                    .hasMessageStartingWith(option + " is given twice; give it once (only --input takes several values)\nusage: trailhunt run");
        }
        assertThat(CliArguments.parse(new String[] {"run", "--input", "a", "--input", "b", "c"}).inputs()).containsExactly("a", "b", "c");
    }
}
