package dev.falkor.orm.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application of {@code FalkorSpringBootTest}: no {@code @EnableFalkorRepositories}. */
@SpringBootApplication
public class TestApplication {
}
