package dev.falkor.orm.migrations.cli;

import dev.falkor.orm.api.FalkorOrmException;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.migrations.MigrationException;
import dev.falkor.orm.migrations.MigrationInfo;
import dev.falkor.orm.migrations.Migrations;
import dev.falkor.orm.spi.TransportConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code falkor-migrations <command> --url redis://host:port --graph name [--location dir]...}.
 * Credentials come from {@code FALKORDB_USER} and {@code FALKORDB_PASSWORD} (never the command
 * line, where other users of the machine could read them). Exit codes: 0 done, 1 a migration
 * problem (a failed statement, a changed script, a held lock), 2 wrong usage, 3 the server could
 * not be reached or refused the login.
 */
@Command(name = "falkor-migrations", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "Falkor ORM migrations 0.1.0",
        description = "Versioned migrations of a FalkorDB graph.",
        subcommands = {MigrationsCli.Migrate.class, MigrationsCli.Info.class, MigrationsCli.Validate.class,
                MigrationsCli.Undo.class, MigrationsCli.Baseline.class, MigrationsCli.Repair.class,
                MigrationsCli.Clean.class, MigrationsCli.Generate.class})
public final class MigrationsCli implements Callable<Integer> {
    static final int MIGRATION_FAILED = 1;
    static final int UNREACHABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new MigrationsCli());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** What every command needs: the server, the graph, where the scripts are. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--url", description = "The server, redis://host:port or rediss:// (default: $FALKORDB_URL, "
                + "else redis://localhost:6379)")
        String url;

        @Option(names = "--graph", required = true, description = "The graph to migrate.")
        String graph;

        @Option(names = "--location", description = "A directory of scripts, or classpath:dir; repeatable "
                + "(default classpath:db/migration).")
        List<String> locations = new ArrayList<>();

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String server = url != null ? url : System.getenv().getOrDefault("FALKORDB_URL", "redis://localhost:6379");
            TransportConfig.Builder config = TransportConfig.fromUrl(server).toBuilder();
            if (System.getenv("FALKORDB_USER") != null) {
                config.username(System.getenv("FALKORDB_USER"));
            }
            if (System.getenv("FALKORDB_PASSWORD") != null) {
                config.password(System.getenv("FALKORDB_PASSWORD"));
            }
            try (FalkorOrm orm = configure(FalkorOrm.builder().transportProvider("jedis")
                    .transportConfig(config.build()).graph(graph).cache("none")).build()) {
                Migrations.Builder b = Migrations.builder(orm).listener(new Progress(out));
                locations.forEach(b::location);
                return run(b, out);
            } catch (MigrationException e) {
                err.println("Migration failed: " + e.getMessage());
                return MIGRATION_FAILED;
            } catch (dev.falkor.orm.api.ConnectionException e) {
                err.println("Cannot reach FalkorDB: " + e.getMessage());
                return UNREACHABLE;
            } catch (FalkorOrmException e) {
                err.println(e.getMessage());
                return MIGRATION_FAILED;
            }
        }

        abstract Integer run(Migrations.Builder migrations, PrintWriter out);

        /** Settings of the mapper the command works through. */
        FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
            return builder;
        }
    }

    /** A progress bar per script, updated per statement. */
    static final class Progress implements Migrations.Listener {
        private final PrintWriter out;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void starting(String version, String description, int statements, int from) {
            out.println("Applying " + version + " " + description + (from > 0 ? " (resuming at statement " + (from + 1)
                    + ")" : ""));
        }

        @Override
        public void statementDone(String version, int done, int statements) {
            int width = 30;
            int filled = statements == 0 ? width : done * width / statements;
            out.print("\r  [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + statements);
            if (done == statements) {
                out.println();
            }
            out.flush();
        }

        @Override
        public void applied(String version, long millis) {
            out.println("  " + version + " applied in " + millis + " ms");
        }
    }

    @Command(name = "migrate", description = "Applies pending migrations (resuming a failed one).")
    static final class Migrate extends Base {
        @Option(names = "--target", description = "Stop after this version.")
        String target;

        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            Migrations.Result r = b.build().migrate(target);
            out.println(r.applied().isEmpty() ? "Up to date." : "Applied " + r.applied());
            if (r.lockWaitedFor() != null) {
                out.println("(waited for the lock of " + r.lockWaitedFor() + ")");
            }
            return 0;
        }
    }

    @Command(name = "info", description = "Prints applied, pending and failed migrations as a table.")
    static final class Info extends Base {
        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            List<MigrationInfo> all = b.build().info();
            out.printf("%-14s %-30s %-8s %-15s %-24s %s%n", "Version", "Description", "Type", "State", "Installed on",
                    "Error");
            for (MigrationInfo i : all) {
                out.printf("%-14s %-30s %-8s %-15s %-24s %s%n", i.version(), i.description(), i.type(), i.state(),
                        i.installedOn() == null ? "" : i.installedOn(), i.error() == null ? "" : i.error());
            }
            return all.stream().anyMatch(i -> i.state() == MigrationInfo.State.FAILED) ? MIGRATION_FAILED : 0;
        }
    }

    @Command(name = "validate", description = "Fails if an applied migration changed.")
    static final class Validate extends Base {
        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            b.build().validate();
            out.println("Valid.");
            return 0;
        }
    }

    @Command(name = "undo", description = "Undoes the last applied migration that has an undo script.")
    static final class Undo extends Base {
        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            out.println("Undid " + b.build().undo());
            return 0;
        }
    }

    @Command(name = "baseline", description = "Adopts an existing graph at a version.")
    static final class Baseline extends Base {
        @Parameters(index = "0", description = "The version the graph is at.")
        String version;

        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            b.build().baseline(version);
            out.println("Baselined at " + version);
            return 0;
        }
    }

    @Command(name = "repair", description = "Accepts changed checksums and clears failed entries.")
    static final class Repair extends Base {
        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            b.build().repair();
            out.println("Repaired.");
            return 0;
        }
    }

    @Command(name = "clean", description = "Deletes the graph and its history (needs --yes-delete-everything).")
    static final class Clean extends Base {
        @Option(names = "--yes-delete-everything", description = "Really delete the graph.")
        boolean confirmed;

        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            b.cleanEnabled(confirmed).build().clean();
            out.println("Deleted graph " + graph);
            return 0;
        }
    }

    @Command(name = "generate", description = "Writes the next migration from the difference between the entity "
            + "model (--entity classes on the class path) and the graph.")
    static final class Generate extends Base {
        @Option(names = "--entity", required = true, description = "An entity class name; repeatable.")
        List<String> entities;

        @Option(names = "--out", required = true, description = "The directory to write the script to.")
        Path directory;

        @Option(names = "--description", defaultValue = "schema", description = "The script's description.")
        String description;

        @Override
        FalkorOrm.Builder configure(FalkorOrm.Builder builder) {
            List<Class<?>> types = new ArrayList<>();
            for (String name : entities) {
                try {
                    types.add(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "No entity class " + name
                            + " on the class path");
                }
            }
            return builder.schemaMode(dev.falkor.orm.core.SchemaMode.NONE).entities(types.toArray(new Class<?>[0]));
        }

        @Override
        Integer run(Migrations.Builder b, PrintWriter out) {
            Path file = b.build().generate(directory, description);
            out.println(file == null ? "The graph matches the entity model: nothing to generate." : "Wrote " + file);
            return 0;
        }
    }
}
