package dev.falkor.orm.core.internal.mapping;

import dev.falkor.orm.api.EntityListener;
import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.annotation.PostLoad;
import dev.falkor.orm.api.annotation.PostPersist;
import dev.falkor.orm.api.annotation.PostRemove;
import dev.falkor.orm.api.annotation.PostUpdate;
import dev.falkor.orm.api.annotation.PrePersist;
import dev.falkor.orm.api.annotation.PreRemove;
import dev.falkor.orm.api.annotation.PreUpdate;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle callbacks and auditing of one mapper: the entities' own annotated methods, the
 * listeners registered on the builder, and the clock auditing fields read.
 */
public final class Lifecycle {

    /** The events, in the order of {@link EntityListener}'s methods. */
    public enum Event {
        PRE_PERSIST(PrePersist.class), POST_PERSIST(PostPersist.class), PRE_UPDATE(PreUpdate.class),
        POST_UPDATE(PostUpdate.class), PRE_REMOVE(PreRemove.class), POST_REMOVE(PostRemove.class),
        POST_LOAD(PostLoad.class);

        final Class<? extends Annotation> annotation;

        Event(Class<? extends Annotation> annotation) {
            this.annotation = annotation;
        }
    }

    private final List<EntityListener> listeners;
    private final Clock clock;
    private final ThreadLocal<IdentityScope> scope = new ThreadLocal<>();

    /** One Java object per stored node while a unit of work is open on a thread. */
    public interface IdentityScope {
        /** The instance to hand out for {@code read}: one already managed for its node, or {@code read} itself, now managed. */
        Object canonical(EntityMetadata meta, Object read);

        /** {@code entity} was saved outside a flush (a repository call): what it holds is now stored. */
        void saved(EntityMetadata meta, Object entity);

        /** The managed instance of the node with this graph id under the entity's id label, or null. */
        Object managed(EntityMetadata meta, Object graphId);

        /** The nodes with these graph ids under {@code idLabel} were deleted: they are no longer managed. */
        void deleted(String idLabel, List<Object> graphIds);

        /** False once closed: a closed scope is dropped wherever it is still bound. */
        boolean active();
    }

    /** Nodes were deleted: the unit of work open on the thread stops managing them. */
    public void deleted(String idLabel, List<Object> graphIds) {
        IdentityScope s = scope();
        if (s != null) {
            s.deleted(idLabel, graphIds);
        }
    }

    /** After a repository save: the unit of work open on the thread, if any, compares with what was written. */
    public void saved(EntityMetadata meta, Object entity) {
        IdentityScope s = scope();
        if (s != null) {
            s.saved(meta, entity);
        }
    }

    /** Binds {@code s} (or nothing, with null) to the calling thread. */
    public void scope(IdentityScope s) {
        if (s == null) {
            scope.remove();
        } else {
            scope.set(s);
        }
    }

    /** The unit of work open on the calling thread, or null. */
    public IdentityScope scope() {
        IdentityScope s = scope.get();
        if (s != null && !s.active()) {
            scope.remove(); // closed from another thread
            return null;
        }
        return s;
    }

    /** After an entity was built from a read: the managed instance (and its {@code @PostLoad}) or the new one. */
    Object loaded(EntityMetadata meta, Object instance) {
        IdentityScope s = scope();
        if (s != null && !meta.isRelationshipProperties()) {
            Object canonical = s.canonical(meta, instance);
            if (canonical != instance) {
                return canonical; // already managed: the read does not replace it
            }
        }
        if (!meta.callbacks().isEmpty() || !listeners.isEmpty()) {
            fire(meta, Event.POST_LOAD, instance);
        }
        return instance;
    }

    public Lifecycle(List<EntityListener> listeners, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** No listeners, the system UTC clock. */
    public static Lifecycle none() {
        return new Lifecycle(List.of(), Clock.systemUTC());
    }

    /** The annotated callback methods of {@code type} and its superclasses, per event (superclass ones first). */
    static Map<Event, List<MethodHandle>> callbacks(Class<?> type, MethodHandleAccessors accessors) {
        Map<Event, List<MethodHandle>> out = new EnumMap<>(Event.class);
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            for (Method m : c.getDeclaredMethods()) {
                for (Event e : Event.values()) {
                    if (!m.isAnnotationPresent(e.annotation)) {
                        continue;
                    }
                    if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                        throw new MappingException(type.getName() + "." + m.getName() + ": a @"
                                + e.annotation.getSimpleName() + " method takes no parameters and is not static");
                    }
                    out.computeIfAbsent(e, k -> new ArrayList<>()).add(accessors.callback(m));
                }
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    /** Runs the entity's own callbacks for {@code event}, then the listeners'. */
    public void fire(EntityMetadata meta, Event event, Object entity) {
        List<MethodHandle> own = meta.callbacks().get(event);
        if (own != null) {
            for (MethodHandle h : own) {
                try {
                    h.invokeExact(entity);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException("Callback of " + meta.type().getName() + " failed", t);
                }
            }
        }
        for (EntityListener l : listeners) {
            switch (event) {
                case PRE_PERSIST -> l.prePersist(entity);
                case POST_PERSIST -> l.postPersist(entity);
                case PRE_UPDATE -> l.preUpdate(entity);
                case POST_UPDATE -> l.postUpdate(entity);
                case PRE_REMOVE -> l.preRemove(entity);
                case POST_REMOVE -> l.postRemove(entity);
                case POST_LOAD -> l.postLoad(entity);
            }
        }
    }

    /** True if saves of {@code meta} have something to call or set. */
    public boolean onSave(EntityMetadata meta) {
        return !listeners.isEmpty() || meta.createdDate() != null || meta.lastModifiedDate() != null
                || !meta.callbacks().isEmpty();
    }

    /**
     * Before a save writes {@code entity}: its pre-callback, then its auditing fields. Returns
     * the entity to save (a new instance for a record whose auditing fields were set).
     */
    public Object beforeSave(EntityMetadata meta, Object entity, boolean isNew) {
        fire(meta, isNew ? Event.PRE_PERSIST : Event.PRE_UPDATE, entity);
        Object out = entity;
        Instant now = clock.instant();
        PersistentProperty created = meta.createdDate();
        if (created != null && created.accessor().get(out) == null) {
            // null: never set (a read entity carries its stored value); a save stores what the entity holds
            out = EntityValues.withValue(meta, out, created, timeOf(created, now));
        }
        PersistentProperty modified = meta.lastModifiedDate();
        if (modified != null) {
            out = EntityValues.withValue(meta, out, modified, timeOf(modified, now));
        }
        return out;
    }

    /** After a save wrote {@code entity}. */
    public void afterSave(EntityMetadata meta, Object entity, boolean isNew) {
        fire(meta, isNew ? Event.POST_PERSIST : Event.POST_UPDATE, entity);
    }

    private Object timeOf(PersistentProperty p, Instant now) {
        Class<?> t = p.type();
        if (t == Instant.class) {
            return now;
        }
        if (t == OffsetDateTime.class) {
            return OffsetDateTime.ofInstant(now, clock.getZone());
        }
        if (t == ZonedDateTime.class) {
            return ZonedDateTime.ofInstant(now, clock.getZone());
        }
        if (t == LocalDateTime.class) {
            return LocalDateTime.ofInstant(now, clock.getZone());
        }
        if (t == LocalDate.class) {
            return LocalDate.ofInstant(now, clock.getZone());
        }
        return now.toEpochMilli(); // long / Long, checked when mapped
    }

    /** The auditing field types. */
    static boolean isTimeType(Class<?> t) {
        return t == Instant.class || t == OffsetDateTime.class || t == ZonedDateTime.class || t == LocalDateTime.class
                || t == LocalDate.class || t == long.class || t == Long.class;
    }
}
