package dev.falkor.orm.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.MappingException;
import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.model.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query methods that cannot work fail when the repository is created, naming method and problem. */
class QueryMethodValidationTest extends GraphTestSupport {

    interface UnknownProperty extends Repository<Member, Long> {
        List<Member> findByAgee(int age);
    }

    interface WrongArgumentCount extends Repository<Member, Long> {
        List<Member> findByNameAndCity(String name);
    }

    interface WrongArgumentType extends Repository<Member, Long> {
        List<Member> findByAgeGreaterThan(String age);
    }

    interface InNeedsCollection extends Repository<Member, Long> {
        List<Member> findByCityIn(String city);
    }

    interface Unparsable extends Repository<Member, Long> {
        List<Member> fetchEverything();
    }

    interface PageWithoutPageable extends Repository<Member, Long> {
        Page<Member> findByCity(String city);
    }

    interface UnboundQueryParameter extends Repository<Member, Long> {
        @Query("MATCH (m:Member) WHERE m.city = $town RETURN m")
        List<Member> inCity(String city);
    }

    interface ProjectionOfUnknownProperty extends Repository<Member, Long> {
        interface Wrong {
            String getNickname();
        }

        List<Wrong> findByCity(String city);
    }

    private void fails(Class<? extends Repository<?, ?>> repo, String... fragments) {
        MappingException e = assertThrows(MappingException.class, () -> orm.repository(repo));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void badMethodsFailAtBootstrap() {
        fails(UnknownProperty.class, "findByAgee", "agee", "known properties");
        fails(WrongArgumentCount.class, "findByNameAndCity", "2 argument");
        fails(WrongArgumentType.class, "findByAgeGreaterThan", "String");
        fails(InNeedsCollection.class, "findByCityIn", "Collection");
        fails(Unparsable.class, "fetchEverything");
        fails(PageWithoutPageable.class, "findByCity", "Pageable");
        fails(UnboundQueryParameter.class, "inCity", "$town");
        fails(ProjectionOfUnknownProperty.class, "nickname");
    }
}
