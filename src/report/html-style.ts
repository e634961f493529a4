// The report page's stylesheet (inline: the file must work offline, opened from a USB stick).
export const CSS = `
:root { --pass:#2e7d32; --fail:#c62828; --timeout:#ef6c00; --crash:#6a1b9a; --skip:#9e9e9e; --not-reached:#78909c; --error:#1565c0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1300px; padding: 16px 24px; color: #222; }
h1 { font-size: 1.6em; margin: .2em 0; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; } h3 { margin: 1em 0 .3em; }
.meta { color: #666; }
.stats { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
.stats dl { display: grid; grid-template-columns: auto auto; gap: 4px 16px; margin: 0; }
.stats dt { color: #666; } .stats dd { margin: 0; font-weight: 600; }
.matrix-wrap { overflow-x: auto; }
table.matrix { border-collapse: collapse; font-size: 12px; }
table.matrix th, table.matrix td { border: 1px solid #ddd; padding: 2px 4px; text-align: center; }
table.matrix th.student, table.matrix td.student { text-align: left; white-space: nowrap; position: sticky; left: 0; background: #fff; }
table.matrix thead th.check { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: normal; }
td.st { width: 20px; height: 20px; color: #fff; font-weight: 700; }
.st-pass { background: var(--pass); } .st-fail { background: var(--fail); } .st-timeout { background: var(--timeout); }
.st-crash { background: var(--crash); } .st-skip { background: var(--skip); } .st-not-reached { background: var(--not-reached); } .st-error { background: var(--error); }
td.grade { font-weight: 700; } td.st.bonus { outline: 2px dashed #f9a825; outline-offset: -3px; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; color: #fff; border-radius: 3px; }
.bar { fill: #5c6bc0; } .axis, .distribution text { font-size: 11px; fill: #444; } .axis-line { stroke: #888; }
section.student { border-top: 2px solid #eee; margin-top: 1.5em; }
.notes, .checker-errors { background: #e3f2fd; border-left: 4px solid var(--error); padding: 6px 10px; }
.notes { background: #fff8e1; border-left-color: #f9a825; }
details.check { border: 1px solid #ddd; border-left: 6px solid var(--fail); border-radius: 4px; margin: 8px 0; padding: 6px 10px; }
details.check.timeout { border-left-color: var(--timeout); } details.check.crash { border-left-color: var(--crash); }
details.check.skip { border-left-color: var(--skip); } details.check.not-reached { border-left-color: var(--not-reached); }
details.check summary { cursor: pointer; font-weight: 600; }
.badge { display: inline-block; color: #fff; border-radius: 3px; padding: 0 6px; font-size: 12px; margin-left: 6px; }
.hint { background: #f1f8e9; border-left: 4px solid var(--pass); padding: 4px 8px; }
pre { background: #263238; color: #eceff1; padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; }
code { background: #f3f3f3; padding: 0 3px; } code.check-id { background: none; color: #888; font-size: 12px; font-weight: 400; margin-left: 8px; }
.sequence-wrap { overflow-x: auto; }
svg.sequence { font: 12px ui-monospace, Menlo, Consolas, monospace; background: #fafafa; border: 1px solid #eee; }
.sq-actor { font-weight: 700; font-family: system-ui, sans-serif; font-size: 13px; }
.sq-life { stroke: #bbb; stroke-dasharray: 4 3; }
.sequence line { stroke: #333; stroke-width: 1.4; } .sequence .sq-head { fill: #333; stroke: none; }
.sq-conn line { stroke: #888; stroke-dasharray: 5 3; } .sequence .sq-conn .sq-head { fill: #888; } .sq-conn text { fill: #666; font-style: italic; }
.sq-stdin line { stroke: #1565c0; } .sequence .sq-stdin .sq-head { fill: #1565c0; } .sq-stdin text { fill: #1565c0; }
.sequence rect { fill: #eceff1; stroke: #90a4ae; }
.sq-out rect { fill: #e8f5e9; stroke: #66bb6a; } .sq-err rect { fill: #ffebee; stroke: #e57373; }
.sq-blocked rect { fill: #fff3e0; stroke: #ff9800; } .sq-more { fill: #666; font-style: italic; }
@media print { details.check { break-inside: avoid; } }
`;
