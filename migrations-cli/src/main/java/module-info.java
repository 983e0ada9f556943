/** The command line of Falkor ORM migrations ({@code migrate}, {@code info}, ... on picocli). */
module dev.falkor.orm.migrations.cli {
    requires dev.falkor.orm.migrations;
    requires dev.falkor.orm.transport.jedis;
    requires info.picocli;

    opens dev.falkor.orm.migrations.cli to info.picocli;
}
