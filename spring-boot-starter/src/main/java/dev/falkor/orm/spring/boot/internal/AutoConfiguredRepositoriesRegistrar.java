package dev.falkor.orm.spring.boot.internal;

import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the repository interfaces found in the auto-configuration packages (those of
 * {@code @SpringBootApplication}), unless {@code @EnableFalkorRepositories} is present. Public only
 * because Spring instantiates it; not API.
 */
public class AutoConfiguredRepositoriesRegistrar extends ScanningRegistrar implements BeanFactoryAware {
    private BeanFactory beanFactory;

    /** Called by Spring. */
    public AutoConfiguredRepositoriesRegistrar() {
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(RepositoryScanner.MARKER_BEAN)
                || !AutoConfigurationPackages.has(beanFactory)) {
            return;
        }
        List<String> packages = AutoConfigurationPackages.get(beanFactory);
        scan(registry, packages);
    }
}
