package dev.falkor.orm.spring.boot.internal;

import dev.falkor.orm.api.AsyncRepository;
import dev.falkor.orm.api.Repository;
import java.beans.Introspector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds repository interfaces in packages and registers a bean definition for each; shared by
 * {@code @EnableFalkorRepositories} and the auto-configuration.
 */
final class RepositoryScanner {
    /** A bean registered by {@code @EnableFalkorRepositories}: the auto-configuration then scans nothing. */
    static final String MARKER_BEAN = "dev.falkor.orm.spring.boot.internal.explicitRepositories";

    private RepositoryScanner() {
    }

    static void register(BeanDefinitionRegistry registry, Collection<String> packages, Environment environment,
            ResourceLoader resourceLoader) {
        ClassLoader loader = resourceLoader.getClassLoader();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
            }
        };
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AssignableTypeFilter(Repository.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(AsyncRepository.class));
        Set<String> names = new LinkedHashSet<>();
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                names.add(candidate.getBeanClassName());
            }
        }
        for (String name : names) {
            Class<?> type = ClassUtils.resolveClassName(name, loader);
            if (type == Repository.class || type == AsyncRepository.class || type.getTypeParameters().length > 0
                    || alreadyRegistered(registry, type)) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(FalkorRepositoryFactoryBean.class);
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
            definition.setAttribute(org.springframework.beans.factory.FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
            definition.setTargetType(org.springframework.core.ResolvableType.forClassWithGenerics(
                    FalkorRepositoryFactoryBean.class, type));
            String beanName = Introspector.decapitalize(ClassUtils.getShortName(type));
            if (registry.containsBeanDefinition(beanName)) {
                beanName = type.getName();
            }
            registry.registerBeanDefinition(beanName, definition);
        }
    }

    private static boolean alreadyRegistered(BeanDefinitionRegistry registry, Class<?> type) {
        for (String existing : registry.getBeanDefinitionNames()) {
            if (type.equals(registry.getBeanDefinition(existing)
                    .getAttribute(org.springframework.beans.factory.FactoryBean.OBJECT_TYPE_ATTRIBUTE))) {
                return true;
            }
        }
        return false;
    }

    static List<String> packagesOf(String[] names, Class<?>[] classes) {
        List<String> packages = new ArrayList<>();
        for (String n : names) {
            if (!n.isBlank()) {
                packages.add(n.trim());
            }
        }
        for (Class<?> c : classes) {
            packages.add(c.getPackageName());
        }
        return packages;
    }
}
