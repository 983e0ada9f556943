package dev.falkor.orm.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A vector index on this {@code float[]} property of a node entity, queried by repository methods
 * named {@code nearest<Property>} ({@code List<Scored<Doc>> nearestEmbedding(float[] v, int k)}).
 * Every save checks the vector has {@link #dimension()} elements (or is {@code null}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface VectorIndexed {
    /** The number of elements of every vector. */
    int dimension();

    /** How distance is measured. */
    Similarity similarity() default Similarity.COSINE;

    /** FalkorDB's similarity functions. */
    enum Similarity {
        COSINE("cosine"), EUCLIDEAN("euclidean");

        private final String serverName;

        Similarity(String serverName) {
            this.serverName = serverName;
        }

        /** The name the server uses ({@code similarityFunction}). */
        public String serverName() {
            return serverName;
        }
    }
}
