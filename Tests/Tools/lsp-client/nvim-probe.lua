-- Run by LanguageServerClientTests after the Neovim configuration from docs/editors.md: waits
-- until the language server has published diagnostics for the current buffer, writes them and
-- the attached clients as JSON to $HPCC_NVIM_REPORT, and quits. A client counts as active once
-- its server has answered initialize; the probe stops waiting early when none is left after that
-- (the server exited).
local report = assert(os.getenv("HPCC_NVIM_REPORT"), "HPCC_NVIM_REPORT is not set")
vim.wait(10000, function() return #vim.lsp.get_active_clients() > 0 end, 50)
vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0 or #vim.lsp.get_active_clients() == 0
end, 50)
local waited = #vim.diagnostic.get(0) > 0
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, {
    code = d.code, severity = d.severity, source = d.source, message = d.message,
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
  })
end
local clients = {}
for _, client in pairs(vim.lsp.get_active_clients()) do
  table.insert(clients, client.name)
end
local file = assert(io.open(report, "w"))
file:write(vim.fn.json_encode({ waited = waited, diagnostics = diagnostics, clients = clients }))
file:close()
vim.cmd("qall!")
