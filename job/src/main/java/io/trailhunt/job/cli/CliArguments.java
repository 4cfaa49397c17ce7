package io.trailhunt.job.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line of {@code trailhunt run}.
 *
 * @param inputs files or folders given with --input (empty: the configuration's inputs, or the bundled sample)
 */
public record CliArguments(String command, String config, List<String> inputs, String output, String deadLetters, String flinkConf) {
    public static final String USAGE = String.join("\n",
            "usage: trailhunt run [--config FILE] [--input PATH...] [--output FILE] [--dead-letters FILE] [--flink-conf DIR]",
            "",
            "  run                      run the detection job; with no options, over the bundled sample day, findings to stdout",
            "  --config FILE            Trailhunt YAML configuration (docs/configuration.md)",
            "  --input PATH...          files or folders to read (plain or .gz, any supported envelope); the run ends when they are read",
            "  --output FILE            write findings as JSON lines to FILE (default: stdout)",
            "  --dead-letters FILE      write unusable and late records to FILE (default: beside --output, or stderr)",
            "  --flink-conf DIR         Flink configuration folder for local runs (default: flink-conf/)");

    public static CliArguments parse(String[] args) {
        if (args.length == 0) {
            throw new UsageException("no command given\n" + USAGE);
        }
        String command = args[0];
        if (command.equals("-h") || command.equals("--help") || command.equals("help")) {
            return new CliArguments("help", null, List.of(), null, null, null);
        }
        if (!command.equals("run")) {
            throw new UsageException("unknown command '" + command + "': the command is 'run'\n" + USAGE);
        }
        String config = null;
        String output = null;
        String deadLetters = null;
        String flinkConf = null;
        List<String> inputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            // A repeated single-valued option would be last-wins: refuse it. --input is a list by design.
            if (a.startsWith("--") && !a.equals("--input") && !seen.add(a)) {
                throw new UsageException(a + " is given twice; give it once (only --input takes several values)\n" + USAGE);
            }
            switch (a) {
                case "--config":
                    config = value(args, ++i, a);
                    break;
                case "--output":
                    output = value(args, ++i, a);
                    break;
                case "--dead-letters":
                    deadLetters = value(args, ++i, a);
                    break;
                case "--flink-conf":
                    flinkConf = value(args, ++i, a);
                    break;
                case "--input":
                    int before = inputs.size();
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        inputs.add(args[++i]);
                    }
                    if (inputs.size() == before) {
                        throw new UsageException("--input needs at least one file or folder, e.g. --input logs/AWSLogs\n" + USAGE);
                    }
                    break;
                case "-h":
                case "--help":
                    return new CliArguments("help", null, List.of(), null, null, null);
                default:
                    throw new UsageException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (deadLetters != null && output == null) {
            throw new UsageException("--dead-letters goes with --output: give both files, or neither to use stdout and stderr");
        }
        return new CliArguments(command, config, List.copyOf(inputs), output, deadLetters, flinkConf);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
