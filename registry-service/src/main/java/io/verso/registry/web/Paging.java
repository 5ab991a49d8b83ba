package io.verso.registry.web;

import io.verso.registry.error.RegistryException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Checked page parameters: a bad page or size is the client's error (400 naming it), not an empty page. */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    public static PageRequest of(int page, int size, Sort sort) {
        if (page < 0) {
            throw RegistryException.invalid("page", "page must be 0 or more, but was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw RegistryException.invalid("size", "size must be between 1 and " + MAX_SIZE + ", but was " + size);
        }
        return PageRequest.of(page, size, sort);
    }
}
