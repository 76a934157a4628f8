// Markdown for reports people read: text placed in a table cell.
//
//   md << "| " << MarkdownCell(gap.reason) << " |";
#pragma once

#include <string>
#include <string_view>

namespace guarantor {

// `text` as it may stand in one cell of a Markdown (GFM) table: '|' escaped, line breaks as
// spaces, so that free text from a record can neither end the cell nor the row.
std::string MarkdownCell(std::string_view text);

}  // namespace guarantor
