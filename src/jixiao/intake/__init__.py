"""Excel workbook intake: the template finance staff fill in, read back with cell-exact findings."""
