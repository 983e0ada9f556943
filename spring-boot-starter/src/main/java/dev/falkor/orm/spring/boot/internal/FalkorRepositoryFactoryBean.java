package dev.falkor.orm.spring.boot.internal;

import dev.falkor.orm.api.Repository;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.spring.boot.FalkorExceptionTranslator;
import java.util.Objects;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Creates one repository bean: {@code orm.repository(type)} (or {@code asyncRepository} for an
 * {@code AsyncRepository}) on the context's {@link FalkorOrm}, behind a proxy that translates its
 * exceptions. Created eagerly, with the context, so a repository that cannot be mapped fails the start and
 * its entity's schema is created (or validated) at once. Public only because Spring instantiates it; not API.
 *
 * @param <T> the repository interface
 */
public class FalkorRepositoryFactoryBean<T> implements SmartFactoryBean<T>, BeanFactoryAware {
    private final Class<T> type;
    private BeanFactory beanFactory;
    private T repository;

    /**
     * Called by Spring.
     *
     * @param type the repository interface
     */
    public FalkorRepositoryFactoryBean(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public synchronized T getObject() {
        if (repository == null) {
            FalkorOrm orm = beanFactory.getBean(FalkorOrm.class);
            PersistenceExceptionTranslator translator = beanFactory.getBeanProvider(FalkorExceptionTranslator.class)
                    .getIfAvailable(FalkorExceptionTranslator::new);
            Object target = Repository.class.isAssignableFrom(type) ? orm.repository(type.asSubclass(Repository.class))
                    : orm.asyncRepository(type.asSubclass(dev.falkor.orm.api.AsyncRepository.class));
            repository = TranslatingInvocationHandler.proxy(type, type.cast(target), translator);
        }
        return repository;
    }

    @Override
    public Class<T> getObjectType() {
        return type;
    }

    @Override
    public boolean isEagerInit() {
        return true;
    }
}
