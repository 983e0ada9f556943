package dev.falkor.orm.examples;

import dev.falkor.orm.api.Page;
import dev.falkor.orm.api.Pageable;
import dev.falkor.orm.api.Repository;
import dev.falkor.orm.api.ScrollPosition;
import dev.falkor.orm.api.Sort;
import dev.falkor.orm.api.Window;
import dev.falkor.orm.api.annotation.Id;
import dev.falkor.orm.api.annotation.Node;
import dev.falkor.orm.api.annotation.Query;
import dev.falkor.orm.core.FalkorOrm;
import dev.falkor.orm.embedded.EmbeddedFalkorDB;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/** Derived queries, a custom query, paging and keyset scrolling. */
public final class QueryExample {

    @Node("Book")
    public record Book(@Id long isbn, String title, String author, int year, double price) {
    }

    public interface BookRepository extends Repository<Book, Long> {
        List<Book> findByAuthorIgnoreCaseOrderByYearAsc(String author);

        List<Book> findByTitleContainingAndPriceLessThan(String word, double maxPrice);

        long countByYearBetween(int from, int to);

        Page<Book> findByYearGreaterThan(int year, Pageable pageable);

        Window<Book> findTop4ByPriceGreaterThan(double price, ScrollPosition after, Sort sort);

        List<TitleOnly> findByAuthor(String author);

        @Query("MATCH (b:Book) WHERE b.author = $author RETURN avg(b.price)")
        double averagePrice(String author);

        record TitleOnly(String title) {
        }
    }

    public static void main(String[] args) {
        try (EmbeddedFalkorDB db = EmbeddedFalkorDB.start()) {
            run(db.url());
        }
    }

    static void run(String url) {
        try (FalkorOrm orm = FalkorOrm.builder().url(url).graph("books").lookup(MethodHandles.lookup()).build()) {
            BookRepository books = orm.repository(BookRepository.class);
            List<Book> all = new ArrayList<>();
            String[] authors = {"Le Guin", "Pratchett", "Jemisin"};
            for (int i = 0; i < 30; i++) {
                all.add(new Book(9_780_000_000_000L + i, (i % 2 == 0 ? "The " : "A ") + "Story " + i,
                        authors[i % 3], 1970 + i, 5.0 + i * 0.75));
            }
            books.saveAll(all);

            System.out.println("[QueryExample] by PRATCHETT: " + books.findByAuthorIgnoreCaseOrderByYearAsc("PRATCHETT")
                    .stream().map(Book::title).toList());
            System.out.println("[QueryExample] 'The' under 12.00: " + books.findByTitleContainingAndPriceLessThan("The", 12.0)
                    .stream().map(Book::title).toList());
            System.out.println("[QueryExample] published 1980-1989: " + books.countByYearBetween(1980, 1989));
            Page<Book> page = books.findByYearGreaterThan(1985, Pageable.of(1, 5, Sort.by("year")));
            System.out.println("[QueryExample] page 2 of " + page.totalPages() + ": "
                    + page.content().stream().map(Book::year).toList());
            Window<Book> window = books.findTop4ByPriceGreaterThan(20.0, ScrollPosition.initial(), Sort.by("price"));
            Window<Book> next = books.findTop4ByPriceGreaterThan(20.0, window.nextPosition(), Sort.by("price"));
            System.out.println("[QueryExample] keyset windows: " + window.content().stream().map(Book::price).toList()
                    + " then " + next.content().stream().map(Book::price).toList());
            System.out.println("[QueryExample] Jemisin titles: " + books.findByAuthor("Jemisin").size()
                    + ", average price " + books.averagePrice("Jemisin"));
            orm.transport().deleteGraph("books");
        }
    }
}
