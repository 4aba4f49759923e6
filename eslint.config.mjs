// ESLint for the site's own JavaScript (tests/test_lint.py runs it):
// @eslint/js's recommended rules and a few that keep one modern style.
// The page scripts are classic scripts (<script src>), each in a strict
// arrow-function wrapper; search-engine.js is a module (search.js imports it);
// sw.js is the service worker, published after a line `const OFFLINE = …`.
import js from "@eslint/js";
import globals from "globals";

const style = {
  "no-var": "error",
  "prefer-const": "error",
  "prefer-arrow-callback": "error",
  "func-style": ["error", "expression"],
  "arrow-body-style": ["error", "as-needed"],
  "object-shorthand": "error",
  "prefer-template": "error",
  "eqeqeq": "error",
  "no-implicit-globals": "error",
  "strict": ["error", "function"],
};

export default [
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.browser },
    rules: style,
  },
  {
    files: ["overrides/assets/javascripts/search-engine.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["overrides/offline/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.serviceworker },
    rules: style,
  },
];
