/** How results are shown: aligned tables and key/value blocks for people, the registry's JSON for scripts. */
package io.verso.cli.output;
