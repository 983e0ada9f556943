package dev.falkor.orm.core.model;

import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Slice;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.api.annotation.Param;
import dev.falkor.orm.api.annotation.Query;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

public interface MemberRepository extends Repository<Member, Long> {
    List<Member> findByCity(String city);
    List<Member> readByCityIgnoreCase(String city);
    Optional<Member> getByName(String name);
    Member queryByName(String name);
    Stream<Member> streamByActiveTrue();
    long countByActiveFalse();
    int countByCity(String city);
    boolean existsByName(String name);
    long deleteByCity(String city);
    List<Member> findByAgeBetweenOrderByAgeAscNameDesc(int from, int to);
    List<Member> findByAgeGreaterThanAndCityOrCityIsNull(int age, String city);
    List<Member> findByJoinedBefore(LocalDate date);
    List<Member> findByNameStartingWithAllIgnoreCase(String prefix);
    List<Member> findByNameLike(String pattern);
    List<Member> findByTagsContaining(String tag);
    List<Member> findByAgeIn(Collection<Integer> ages);
    List<Member> findByAgeIsNull();
    List<Member> findFirst3ByActiveTrueOrderByScoreDesc();
    Member findTopByOrderByScoreAsc();
    Set<Member> findDistinctByCity(String city);
    List<Member> findByCity(String city, Sort sort);
    Page<Member> findByActive(boolean active, Pageable pageable);
    Slice<Member> findByCityIsNotNull(Pageable pageable);
    Window<Member> findTop7ByActiveTrue(ScrollPosition position, Sort sort);
    List<NameOnly> findByAgeGreaterThanEqual(int age, Sort sort);
    List<NameAndScore> findByCityOrderByNumberAsc(String city);

    @Query("MATCH (m:Member) WHERE m.city = $city RETURN m ORDER BY m.number")
    List<Member> inCity(String city);

    @Query("MATCH (m:Member) WHERE m.years >= $min RETURN m.name AS name, m.score AS score ORDER BY m.number")
    List<NameAndScore> scoresFrom(@Param("min") int minAge);

    @Query("MATCH (m:Member) WHERE m.city = $city RETURN count(m)")
    long howManyIn(String city);

    @Query("MATCH (m:Member) RETURN DISTINCT m.city AS city ORDER BY city")
    List<String> cities();

    @Query("MATCH (m:Member {number: $number}) RETURN m")
    Optional<Member> byNumber(long number);

    @Query(value = "MATCH (m:Member) WHERE m.active RETURN m ORDER BY m.number",
            countQuery = "MATCH (m:Member) WHERE m.active RETURN count(m)")
    Page<Member> activePaged(Pageable pageable);

    @Query("MATCH (m:Member) WHERE NOT m.active RETURN m ORDER BY m.number")
    Page<Member> inactivePaged(Pageable pageable);

    @Query(value = "MATCH (m:Member {number: $number}) SET m.city = $city", write = true)
    void move(long number, String city);

    @Query("MATCH (m:Member) WHERE m.joined >= $since RETURN m.number ORDER BY m.number")
    List<Long> joinedSince(LocalDate since);

    interface NameOnly {
        String getName();
    }

    record NameAndScore(String name, double score) {
    }
}
