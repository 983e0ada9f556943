package dev.falkor.orm.testcontainers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The official FalkorDB image in a container:
 * <pre>{@code
 * try (FalkorDBContainer db = new FalkorDBContainer()) {
 *     db.start();
 *     FalkorOrm orm = FalkorOrm.builder().url(db.url()).graph("test").build();
 * }
 * }</pre>
 * The image is {@value #DEFAULT_IMAGE} unless system property {@value #IMAGE_PROPERTY} (or
 * {@code FALKORDB_IMAGE}) or the constructor names another. Needs a container engine that
 * Testcontainers can reach (Docker or a compatible one).
 */
public class FalkorDBContainer extends GenericContainer<FalkorDBContainer> {
    /** The image used by default: the release the embedded server runs too (tags carry a {@code v}). */
    public static final String DEFAULT_IMAGE = "falkordb/falkordb:v4.16.3";
    /** System property naming another image (environment: {@code FALKORDB_IMAGE}). */
    public static final String IMAGE_PROPERTY = "falkordb.image";
    /** The port FalkorDB listens on in the container. */
    public static final int PORT = 6379;

    /** A container of the configured image (see the class comment). */
    public FalkorDBContainer() {
        this(configuredImage());
    }

    /**
     * A container of {@code image}.
     *
     * @param image for example {@code "falkordb/falkordb:latest"}
     */
    public FalkorDBContainer(String image) {
        super(DockerImageName.parse(image));
        withExposedPorts(PORT);
        waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
    }

    /**
     * The URL to give the mapper ({@code FalkorOrm.Builder.url}) once started.
     *
     * @return {@code redis://host:mapped-port}
     */
    public String url() {
        return "redis://" + getHost() + ":" + getMappedPort(PORT);
    }

    /**
     * The image named by {@value #IMAGE_PROPERTY} / {@code FALKORDB_IMAGE}, else {@value #DEFAULT_IMAGE}.
     *
     * @return the image name
     */
    public static String configuredImage() {
        String image = System.getProperty(IMAGE_PROPERTY);
        if (image == null || image.isBlank()) {
            image = System.getenv("FALKORDB_IMAGE");
        }
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
    }
}
