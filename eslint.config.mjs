// ESLint flat config: `npm run lint` (eslint --max-warnings=0 .) runs it over the whole project.
// Every rule below is either an error or off: a warning would not fail CI, so none is left at "warn"
// (and --max-warnings=0 fails the run should a preset update bring a new one in).
// ESLint stays on 9: eslint-plugin-react 7.37 (part of eslint-config-next) calls context.getFilename(), which
// ESLint 10 removed, and declares eslint up to ^9.7.
import js from "@eslint/js";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    "lib/generated/**", // Prisma client, written by `prisma generate`
    ".next/**",
    "out/**",
    "build/**",
    "coverage/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),

  js.configs.recommended,
  // Next.js: eslint-plugin-react, eslint-plugin-react-hooks (recommended: rules-of-hooks, exhaustive-deps and the
  // React Compiler rules), @next/next (core web vitals), jsx-a11y, import.
  ...nextVitals,
  // typescript-eslint recommended, then its type-aware superset.
  ...nextTs,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    rules: {
      // The presets' warnings, made errors.
      "react-hooks/exhaustive-deps": "error",
      "react-hooks/incompatible-library": "error",
      "react-hooks/unsupported-syntax": "error",
      "@next/next/google-font-display": "error",
      "@next/next/google-font-preconnect": "error",
      "@next/next/next-script-for-ga": "error",
      "@next/next/no-async-client-component": "error",
      "@next/next/no-before-interactive-script-outside-document": "error",
      "@next/next/no-css-tags": "error",
      "@next/next/no-head-element": "error",
      "@next/next/no-img-element": "error",
      "@next/next/no-location-assign-relative-destination": "error",
      "@next/next/no-page-custom-font": "error",
      "@next/next/no-styled-jsx-in-document": "error",
      "@next/next/no-title-in-document-head": "error",
      "@next/next/no-typos": "error",
      "@next/next/no-unwanted-polyfillio": "error",
      "import/no-anonymous-default-export": "error",
      "jsx-a11y/alt-text": ["error", { elements: ["img"], img: ["Image"] }],
      "jsx-a11y/aria-props": "error",
      "jsx-a11y/aria-proptypes": "error",
      "jsx-a11y/aria-unsupported-elements": "error",
      "jsx-a11y/role-has-required-aria-props": "error",
      "jsx-a11y/role-supports-aria-props": "error",
      "@typescript-eslint/no-unused-expressions": "error",
      // `const { key: _key, ...rest } = row` leaves a key out of a copy: that is a use.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],

      // Off: server actions must be async functions, and next-auth callbacks and test doubles implement
      // Promise-returning contracts; a missing `await` is caught by no-floating-promises / no-misused-promises.
      "@typescript-eslint/require-await": "off",

      // React ignores what an event handler returns, so an async onClick/onChange is fine; promises handed to
      // anything else that expects a void callback are still errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `${value}` of a `never` is how an exhaustiveness check reports the impossible value it got.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNever: true }],
      // FormData.get() is `string | File`: the forms' text fields never carry a File (a forged one would turn into
      // the text "[object File]", which the zod schemas check like any other text).
      "@typescript-eslint/no-base-to-string": [
        "error",
        { ignoredTypeNames: ["Error", "RegExp", "URL", "URLSearchParams", "File"] },
      ],
    },
  },

  // next-auth 4 types NextAuth() as `any`; the handler is only re-exported as GET and POST.
  {
    files: ["app/api/auth/**/route.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  // The public portal's pages are whole HTML documents rendered to static markup outside Next's React tree
  // (app/public/respond.tsx): they write their own <head> and stylesheet link, and link with plain <a>,
  // since they carry no script for next/link or next/head to run.
  {
    files: ["components/portal/**"],
    rules: { "@next/next/no-head-element": "off", "@next/next/no-css-tags": "off", "@next/next/no-html-link-for-pages": "off" },
  },
  // `[^\x00-\xff]` means "any character outside Latin-1" (the Chinese text), not a control character.
  {
    files: ["lib/import/work-report.ts"],
    rules: { "no-control-regex": "off" },
  },
  // Drives wasm-bindgen glue whose imports are only known as `Function`, and shows the `unknown` errors that
  // Prisma's driver-adapter registry hands back, Error or not.
  {
    files: ["scripts/db/engine.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-base-to-string": "off",
    },
  },
  // vitest's asymmetric matchers (expect.any(), expect.stringMatching() …) are typed `any`.
  {
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },

  // Last, so that no rule above turns a type-aware rule back on for them: tsconfig.json has no allowJs, so the
  // few .mjs config files have no type information.
  { files: ["**/*.{js,mjs,cjs}"], extends: [tseslint.configs.disableTypeChecked] },
]);
