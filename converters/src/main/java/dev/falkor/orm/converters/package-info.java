/**
 * The standard value converters; see {@link dev.falkor.orm.converters.StandardConverters}
 * for every stored representation.
 */
package dev.falkor.orm.converters;
