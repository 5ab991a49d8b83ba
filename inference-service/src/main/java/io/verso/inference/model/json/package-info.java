/**
 * Reading tensors from JSON values, the one set of rules that both HTTP APIs and warmup files share: element kinds
 * and ranges per datatype, shapes from nesting or given explicitly. Depends on {@code model} and Jackson only.
 */
package io.verso.inference.model.json;
