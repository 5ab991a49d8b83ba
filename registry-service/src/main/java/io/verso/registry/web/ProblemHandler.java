package io.verso.registry.web;

import io.verso.registry.error.RegistryException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every error as RFC 9457 {@code application/problem+json}, with a {@code field} property naming what to fix
 * wherever one field is at fault. Spring MVC's own exceptions keep their status; their details are rewritten
 * where the default would not name the field.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final DatabaseUnavailable databaseUnavailable;

    ProblemHandler(DatabaseUnavailable databaseUnavailable) {
        this.databaseUnavailable = databaseUnavailable;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> registry(RegistryException e) {
        return problem(ErrorStatus.of(e.kind()), e.field(), e.getMessage());
    }

    /**
     * PostgreSQL unreachable: 503 with Retry-After, because the request itself was fine. Any other data access
     * failure is a registry fault, answered 500 without internals.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> dataAccess(NestedRuntimeException e) {
        if (databaseUnavailable.explains(e)) {
            log.warn("Database unavailable, answered 503: {}", e.getMostSpecificCause().getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .body(body(HttpStatus.SERVICE_UNAVAILABLE, null, DatabaseUnavailable.DETAIL));
        }
        log.error("Data access failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, null, "internal error; see the registry's log");
    }

    /** A lost race on the deployment row (JPA {@code @Version}): the client reloads and decides again. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, null,
                "the resource was changed concurrently by another request; reload it and retry");
    }

    /** Services check what they can first; a constraint that still fires means a concurrent request won. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(DataIntegrityViolationException e) {
        log.info("Constraint violation answered with 409: {}", e.getMostSpecificCause().getMessage());
        return problem(HttpStatus.CONFLICT, null, "the request conflicts with a concurrent change; reload and retry");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase();
        return problem(HttpStatus.BAD_REQUEST, e.getName(),
                e.getName() + " must be a " + type + ", but was '" + e.getValue() + "'");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors();
        if (errors.isEmpty()) {
            return cast(problem(HttpStatus.BAD_REQUEST, null, "invalid request: " + e.getMessage()));
        }
        List<String> details = errors.stream().map(ProblemHandler::describe).toList();
        ProblemDetail body = body(HttpStatus.BAD_REQUEST, errors.get(0).getField(), String.join("; ", details));
        if (errors.size() > 1) {
            body.setProperty("errors", details);
        }
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = null;
        Throwable cause = e.getMostSpecificCause();
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            field = jsonPath(databind);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : firstLine(cause.getMessage());
        String detail = field == null
                ? "malformed JSON request body: " + reason
                : "malformed JSON request body at '" + field + "': " + reason;
        return cast(problem(HttpStatus.BAD_REQUEST, field, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(HttpStatus.BAD_REQUEST, e.getRequestPartName(),
                "the multipart request has no part named '" + e.getRequestPartName() + "'"));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String limit = e.getMaxUploadSize() > 0 ? " of " + e.getMaxUploadSize() + " bytes" : "";
        return cast(problem(HttpStatus.PAYLOAD_TOO_LARGE, "file",
                "file exceeds the upload size limit" + limit + " (verso.registry.max-upload-size)"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getHeaderName(), "the header " + e.getHeaderName() + " is required");
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        return ResponseEntity.status(status).body(body(status, field, detail));
    }

    private static ProblemDetail body(HttpStatus status, String field, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(status.getReasonPhrase());
        if (field != null) {
            body.setProperty("field", field);
        }
        return body;
    }

    private static String describe(FieldError error) {
        return error.getField() + " " + error.getDefaultMessage() + ", but was " + error.getRejectedValue();
    }

    /** {@code metadata.metrics.auc} or {@code items[2].name}: the JSON path the client wrote. */
    private static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
