package io.verso.registry.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * One page of a listing. Its own record rather than Spring Data's {@code Page}, whose JSON form is not a stable
 * contract.
 *
 * @param items         this page's items
 * @param page          zero-based page number
 * @param size          requested page size
 * @param totalElements items over all pages
 * @param totalPages    number of pages
 */
public record PageView<T>(List<T> items, int page, int size, long totalElements, int totalPages) {

    public static <E, T> PageView<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageView<>(page.map(mapper).getContent(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }
}
