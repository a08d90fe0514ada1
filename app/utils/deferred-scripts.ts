/**
 * Remix's `<Scripts>` asks for the page's JavaScript as soon as the parser reaches it: a
 * `<link rel="modulepreload">` per module and one inline `<script type="module">` that imports them.
 * On a phone over slow 4G those ~120 KB then share the line with the stylesheets and the first paint
 * waits for them (ADR 010). The page is whole without JavaScript (rendered on the server, forms post
 * without it), so the scripts are asked for right after the first paint instead: the two markers are
 * renamed by `htmlBody` (html-stream.server.ts) to types the browser ignores, and `LOAD_SCRIPTS_AFTER_PAINT` (root.tsx) puts working
 * copies in after the first frame. React hydrates elements by tag, so the renamed ones hydrate as
 * they are. Both markers are React's own output of `<Scripts>`; text and attribute values React
 * escapes cannot contain them.
 */
export const DEFERRED = {
  preload: ['<link rel="modulepreload"', '<link rel="x-deferred-modulepreload"'],
  module: [' type="module" async=""', ' type="x-deferred-module" async=""'],
} as const;

/**
 * Runs where root.tsx renders it, right after `<Scripts>`. Once the browser reports the first
 * contentful paint (Paint Timing; buffered, so a paint before this line counts), or when it cannot
 * (no Paint Timing, or a tab nobody sees, which paints nothing: a second frame and a moment later),
 * it adds the module script that `htmlBody` renamed, with the page's nonce, and in the next task
 * the modulepreload links (two short tasks rather than one long one), and Remix starts as it would have.
 */
export const LOAD_SCRIPTS_AFTER_PAINT = `(function(){var d=document,done=0;function go(){if(done)return;done=1;var s=d.querySelector('script[type="x-deferred-module"]');if(!s)return;var m=d.createElement("script");m.type="module";m.nonce=s.nonce;m.textContent=s.textContent;d.body.appendChild(m);setTimeout(function(){d.querySelectorAll('link[rel="x-deferred-modulepreload"]').forEach(function(l){var n=d.createElement("link");n.rel="modulepreload";n.href=l.getAttribute("href");d.head.appendChild(n)})})}function later(){setTimeout(go,250)}try{new PerformanceObserver(function(list){if(list.getEntriesByName("first-contentful-paint").length)setTimeout(go)}).observe({type:"paint",buffered:true})}catch(e){}if(d.visibilityState!=="visible")go();else requestAnimationFrame(function(){requestAnimationFrame(later)})})()`;
