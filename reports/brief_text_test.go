package reports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/datatest"
)

// loadBrief loads a brief of a kind from the sample set for 2025 with the bundled fonts.
func loadBrief(t *testing.T, s *data.Store, kind, lang string) *Brief {
	t.Helper()
	b, err := BriefKindNamed(kind).Load(context.Background(), s, 2025, lang, day, defaultFonts(t))
	require.NoError(t, err)
	return b
}

// flatPDF writes a brief's PDF and returns its text without spaces or line breaks.
func flatPDF(t *testing.T, b *Brief) string {
	t.Helper()
	return flat(t, writeTempPDF(t, b.Kind.Name+".pdf", b.WritePDF))
}

// Every kind's text, written to its file and read back, is the same text, in both languages; the file is
// what a clerk edits, so it must hold everything the brief prints.
func TestBriefTextRoundTripsThroughItsFile(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	for _, k := range BriefKinds {
		for _, lang := range []string{"zh", "en"} {
			b := loadBrief(t, s, k.Name, lang)
			made := b.Text()
			require.NotEmpty(t, made.Blocks, k.Name)
			got, err := b.ParseText(b.TextBytes())
			require.NoError(t, err, "%s %s", k.Name, lang)
			assert.Equal(t, made, got, "%s %s", k.Name, lang)
			for _, ref := range b.TextParts() {
				assert.True(t, slices.Contains(made.Blocks, TextBlock{Kind: BlockTable, Text: ref}) ||
					slices.Contains(made.Blocks, TextBlock{Kind: BlockChart, Text: ref}), "%s places %s", k.Name, ref)
			}
		}
	}
}

func TestParseBriefTextRefusesWhatItCannotPrint(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ text, key string }{
		{"【标题】简报\n\n【表格】by_field\n", "brief17.text.err.tag"},
		{"【标题】简报\n\n【表】by_nothing\n", "brief17.text.err.ref"},
		{"# 只有说明\n\n正文一段。\n", "brief17.text.err.title"},
	} {
		_, err := ParseBriefText([]byte(c.text), "zh", []string{"by_field"})
		var de *data.Error
		require.True(t, errors.As(err, &de), c.text)
		assert.Equal(t, c.key, de.Key, c.text)
		assert.Equal(t, data.Invalid, de.Code)
	}
	// English tags, lines joined with a space, a paragraph that starts with a bracket that is no tag.
	bt, err := ParseBriefText([]byte("[Title] A brief\n\n[heading] 1. Output\nThe output\ngrew.\n\n[2] is a footnote.\n"), "en", nil)
	require.NoError(t, err)
	assert.Equal(t, "A brief", bt.Title)
	assert.Equal(t, []TextBlock{{BlockHeading, "1. Output"}, {BlockParagraph, "The output grew."},
		{BlockParagraph, "[2] is a footnote."}}, bt.Blocks)
}

// What the secretary edits is what the PDF prints: a 按语 under the title, a paragraph rewritten, a table's
// anchor deleted (its table goes), and the figures of the data stay where they were not touched.
func TestEditedTextIsWhatThePDFPrints(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	b := loadBrief(t, s, "output", "zh")
	before := flatPDF(t, b)
	totals := strings.Count(before, "合计")

	bt := b.Text()
	bt.Foreword = "编者按：本期通报全区高新技术产品产值情况，请各单位结合实际抓好落实。"
	bt.Blocks[0].Text = "2025年，全区高新技术产业稳中有进，产值47.45亿元。"
	bt.Blocks = slices.DeleteFunc(bt.Blocks, func(bl TextBlock) bool { return bl == TextBlock{BlockTable, "by_park"} })
	b.SetText(&bt)
	after := flatPDF(t, b)
	assert.Contains(t, after, "编者按：本期通报全区高新技术产品产值情况")
	assert.Contains(t, after, "全区高新技术产业稳中有进，产值47.45亿元。")
	assert.NotContains(t, after, "36家企业报送", "the paragraph the secretary rewrote is gone")
	assert.Equal(t, totals-1, strings.Count(after, "合计"), "a deleted anchor leaves its table (and its 合计 row) out")
	assert.Contains(t, after, "二、按园区", "the heading stays: only the anchor was deleted")
	assert.Less(t, strings.Index(after, "编者按"), strings.Index(after, "稳中有进"), "the 按语 stands before the body")

	b.SetText(nil)
	assert.Equal(t, before, flatPDF(t, b), "SetText(nil) prints the data's text again")
}

// A figure typed over by hand is listed; the same figure moved elsewhere is not; an untouched text lists none.
func TestHandFiguresListsAFigureChangedByHand(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	b := loadBrief(t, s, "work", "zh")
	assert.Empty(t, b.HandFigures(), "a brief nobody edited")
	bt := b.Text()
	i := slices.IndexFunc(bt.Blocks, func(bl TextBlock) bool { return strings.Contains(bl.Text, "47.45亿元") })
	require.GreaterOrEqual(t, i, 0)
	bt.Blocks[i].Text = strings.Replace(bt.Blocks[i].Text, "47.45亿元", "48.45亿元", 1)
	bt.Foreword = "按语：全区有效专利206件。" // a figure of the data, moved into the 按语
	b.SetText(&bt)
	assert.Equal(t, []HandFigure{{Block: i, Figure: "48.45", Text: bt.Blocks[i].Text}}, b.HandFigures())
	assert.Equal(t, []string{"47.45", "9.1%", "2,024", "1", "8"}, Figures("47.45、9.1％、2,024、1、8"))
}

// Section 五 tells the parks in sentences — who leads each project and how far it has come — not as a list,
// and the brief ends with a closing paragraph; the English brief is English prose.
func TestWorkBriefTellsTheParksInSentences(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	zh := loadBrief(t, s, "work", "zh").Text()
	all := ""
	for _, bl := range zh.Blocks {
		all += bl.Text + "\n"
	}
	assert.NotContains(t, all, "主要项目有：")
	for _, want := range []string{"现代海洋产业园重点发展海洋牧场", "大连海宝渔业有限公司牵头的海洋牧场建设项目已投入运营，面积45000亩",
		"3000亩农业设施改造项目正在建设；", "蝶恋花蝴蝶园已投入运营", "太空博物馆已投入运营"} {
		assert.Contains(t, all, want)
	}
	last := zh.Blocks[len(zh.Blocks)-1]
	assert.Equal(t, BlockParagraph, last.Kind)
	assert.Contains(t, last.Text, "2025年全区高新技术产品产值增长9.1%")
	assert.Contains(t, last.Text, "下一步")

	en := loadBrief(t, s, "work", "en")
	w := en.Value.(*WorkBrief)
	var names []string // names from the records stay as the records hold them
	for _, p := range w.Parks {
		names = append(names, p.Park.Name, p.Park.Focus)
		for _, pr := range p.Projects {
			names = append(names, pr.Title, pr.Lead)
		}
	}
	for _, p := range w.Partners {
		names = append(names, p.Name)
	}
	names = append(names, w.Programme)
	names = append(names, w.Incubators...)
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	text := en.Text()
	prose := text.Title + "\n" + text.Subtitle
	for _, bl := range text.Blocks {
		prose += "\n" + bl.Text
	}
	for _, n := range names {
		if n != "" {
			prose = strings.ReplaceAll(prose, n, "NAME")
		}
	}
	assert.Regexp(t, `4\.745 billion yuan`, prose)
	assert.Contains(t, prose, "grew by 9.1%", "the percent sign stays on its figure")
	assert.NotContains(t, prose, " %")
	assert.NotRegexp(t, `[\p{Han}，。；：、“”（）《》！？]`, prose, "English prose, English punctuation")
	assert.Contains(t, prose, "the NAME led by NAME is in operation, covering 45000 mu")
}

// 近N年 counts the years the brief shows: the output chart of the sample district, which has two years of
// output, says 近两年 (it said 近五年), and one year gives no chart; the patent table starts at the first year with patents.
func TestRecentYearsCountTheYearsShown(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	b := loadBrief(t, s, "output", "zh")
	ob := b.Value.(*OutputBrief)
	require.Len(t, ob.Years, 2, "the sample has output of 2024 and 2025")
	text := flatPDF(t, b)
	assert.Contains(t, text, "四、近两年产值和增加值")
	assert.NotContains(t, text, "近五年")
	assert.Regexp(t, regexp.MustCompile(`图1\s*2024—2025年`), text)
	ob.Years = ob.Years[1:]
	text = flatPDF(t, b)
	assert.NotContains(t, text, "图1", "one year is no trend")
	assert.NotRegexp(t, `近.年`, text)

	p := loadBrief(t, s, "patents", "zh")
	pb := p.Value.(*PatentBrief)
	require.Len(t, pb.ByYear, PatentYears)
	for i := range pb.ByYear[:3] {
		y := pb.ByYear[i].Year
		pb.ByYear[i] = data.Stats{Year: y} // a district whose patents start two years ago
	}
	text = flatPDF(t, p)
	assert.Contains(t, text, "三、近两年情况")
	assert.NotContains(t, text, "2021年", "the years without patents are not rows")
	assert.Contains(t, text, "2024年")
}

func TestTextFileSaysHowToEditIt(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	b := loadBrief(t, s, "output", "zh")
	file := string(b.TextBytes())
	assert.True(t, strings.HasPrefix(file, "# "), "the file opens with how to edit it")
	for _, want := range []string{"【标题】2025年全区高新技术产品产值情况\n", "\n【一级标题】一、按高新技术领域\n",
		"\n【表】by_field\n", "\n【图】trend\n", "\n【注】注："} {
		assert.Contains(t, file, want)
	}
}

// An edited paragraph survives 签发 and 重印 byte for byte: the register keeps the text the brief was set from
// beside its PDF, the PDF it keeps (and gives again) prints the edited paragraph, and the brief made again from
// the kept text and the same data is the same PDF, byte for byte.
func TestEditedTextSurvivesIssueAndReprint(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	fonts := defaultFonts(t)
	kind := BriefKindNamed("work")
	draft := loadBrief(t, s, "work", "zh")
	file := draft.TextBytes()
	edited := strings.Replace(string(file), "加快推进科技孵化器建设。", "全区科技孵化器建设提速增效，孵化服务更加完善。", 1)
	require.NotEqual(t, string(file), edited)
	bt, err := draft.ParseText([]byte(edited))
	require.NoError(t, err)

	issued, err := IssueBrief(ctx, s, s, kind, 2025, "zh", day, fonts, func(b *Brief) error {
		b.SetText(&bt)
		return nil
	})
	require.NoError(t, err)
	kept, err := s.IssuedBriefFile(ctx, issued.ID, data.BriefText)
	require.NoError(t, err)
	keptPDF, err := s.IssuedBriefFile(ctx, issued.ID, data.BriefPDF)
	require.NoError(t, err)
	assert.Equal(t, edited, string(kept), "the register keeps the text as edited, byte for byte")
	text := flat(t, writeTempPDF(t, "issued.pdf", func(w io.Writer) error { _, err := w.Write(keptPDF); return err }))
	assert.Contains(t, text, "全区科技孵化器建设提速增效，孵化服务更加完善。")
	assert.NotContains(t, text, "加快推进科技孵化器建设。")
	assert.Contains(t, text, "第1期")

	again := loadBrief(t, s, "work", "zh")
	again.SetFonts(fonts)
	keptText, err := again.ParseText(kept)
	require.NoError(t, err)
	again.SetText(&keptText)
	again.SetIssueNo(issued.IssueNo)
	var buf bytes.Buffer
	require.NoError(t, again.WritePDF(&buf))
	assert.True(t, bytes.Equal(keptPDF, buf.Bytes()), "made again from the kept text: the same PDF")
}

// The note under the output brief's last table never stands apart from it, wherever the text before pushes the
// table: a filler paragraph of growing length before the table moves its end down the page line by line.
func TestNoteStaysWithItsTable(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	b := loadBrief(t, s, "output", "zh")
	made := b.Text()
	at := slices.Index(made.Blocks, TextBlock{BlockTable, "top"})
	require.Equal(t, BlockNote, made.Blocks[at+1].Kind, "the note follows the last table")
	for lines := 0; lines <= 14; lines += 2 {
		bt := made
		bt.Blocks = slices.Insert(slices.Clone(made.Blocks), at, TextBlock{BlockParagraph,
			strings.Repeat("全区高新技术企业稳步发展，", 2*lines)})
		b.SetText(&bt)
		ps := pages(t, writeTempPDF(t, "note.pdf", b.WritePDF))
		for i, p := range ps {
			if !strings.Contains(p, "注：金额单位") {
				continue
			}
			assert.Contains(t, p, "合计", "%d filler lines: the note's page %d holds the table's last row", lines, i+1)
		}
	}
}
