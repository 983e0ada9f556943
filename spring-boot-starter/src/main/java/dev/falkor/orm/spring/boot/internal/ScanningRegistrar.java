package dev.falkor.orm.spring.boot.internal;

import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/** What both repository registrars share: Spring's environment and resource loader, and the scan. */
abstract class ScanningRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware {
    private Environment environment;
    private ResourceLoader resourceLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    /** Registers the repository interfaces found in {@code packages} as beans. */
    final void scan(BeanDefinitionRegistry registry, List<String> packages) {
        RepositoryScanner.register(registry, packages, environment, resourceLoader);
    }
}
