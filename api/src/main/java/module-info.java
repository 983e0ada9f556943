/**
 * User-facing contracts of Falkor ORM: mapping annotations, repositories, paging types and
 * the exception hierarchy rooted in {@link dev.falkor.orm.api.FalkorOrmException}.
 */
module dev.falkor.orm.api {
    exports dev.falkor.orm.api;
    exports dev.falkor.orm.api.annotation;
}
