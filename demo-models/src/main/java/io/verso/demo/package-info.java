/**
 * Demo SavedModels that Verso writes itself with TensorFlow Java, so the local stack and the tests need no
 * Python: {@link io.verso.demo.DemoModels} is the command-line generator. Depends on TensorFlow Java only.
 */
package io.verso.demo;
