package dev.falkor.orm.spring.boot.internal;

import dev.falkor.orm.spring.boot.EnableFalkorRepositories;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The registrar behind {@link EnableFalkorRepositories}: scans the annotation's packages (by default
 * that of the annotated class) for repository interfaces and registers each as a bean. Public only
 * because Spring instantiates it; not API.
 */
public class FalkorRepositoriesRegistrar extends ScanningRegistrar {

    /** Called by Spring. */
    public FalkorRepositoriesRegistrar() {
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(EnableFalkorRepositories.class.getName());
        if (attributes == null) {
            return;
        }
        String[] value = (String[]) attributes.get("value");
        String[] basePackages = (String[]) attributes.get("basePackages");
        Class<?>[] classes = (Class<?>[]) attributes.get("basePackageClasses");
        String[] names = new String[value.length + basePackages.length];
        System.arraycopy(value, 0, names, 0, value.length);
        System.arraycopy(basePackages, 0, names, value.length, basePackages.length);
        List<String> packages = RepositoryScanner.packagesOf(names, classes);
        if (packages.isEmpty()) {
            packages = List.of(ClassUtils.getPackageName(metadata.getClassName()));
        }
        if (!registry.containsBeanDefinition(RepositoryScanner.MARKER_BEAN)) {
            RootBeanDefinition marker = new RootBeanDefinition(ExplicitRepositories.class);
            marker.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(RepositoryScanner.MARKER_BEAN, marker);
        }
        scan(registry, packages);
    }

    /** The marker bean's type. */
    static final class ExplicitRepositories {
    }
}
