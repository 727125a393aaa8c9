package emulator

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Tag limits of EC2 (user tags per resource, key and value lengths in characters).
const (
	maxTagsPerResource = 50
	maxTagKeyLength    = 128
	maxTagValueLength  = 256
)

// checkTags validates tags being added to a resource that has existing: AWS's codes; the messages
// for the reserved prefix, the value length and the tag count are AWS's, those for an empty or a
// long key follow them.
func checkTags(existing, add []tag) *apiError {
	keys := map[string]bool{}
	for _, t := range existing {
		keys[t.Key] = true
	}
	for _, t := range add {
		switch {
		case t.Key == "":
			return errf("InvalidParameterValue", "Tag key must not be empty")
		case utf8.RuneCountInString(t.Key) > maxTagKeyLength:
			return errf("InvalidParameterValue", "Tag key exceeds the maximum length of %d characters", maxTagKeyLength)
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			return errf("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use")
		case utf8.RuneCountInString(t.Value) > maxTagValueLength:
			return errf("InvalidParameterValue", "Tag value exceeds the maximum length of %d characters", maxTagValueLength)
		}
		keys[t.Key] = true
	}
	if len(keys) > maxTagsPerResource {
		return errf("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
	}
	return nil
}

// Tags.

func setTags(st *regionState, id string, tags []tag) {
	for _, t := range tags {
		cur := st.tags[id]
		replaced := false
		for i := range cur {
			if cur[i].Key == t.Key {
				cur[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			cur = append(cur, t)
		}
		sort.Slice(cur, func(i, j int) bool { return cur[i].Key < cur[j].Key })
		st.tags[id] = cur
	}
}

func hCreateTags(s *Server, r *request, out *bytes.Buffer) *apiError {
	ids := list(r.form, "ResourceId")
	if len(ids) == 0 {
		return errf("MissingParameter", "The request must contain the parameter resourceIdSet")
	}
	tags := tagsParam(r.form, "Tag")
	for _, id := range ids {
		if e := r.st.exists(id); e != nil {
			return e
		}
		if e := checkTags(r.st.tags[id], tags); e != nil {
			return e
		}
	}
	for _, id := range ids {
		setTags(r.st, id, tags)
	}
	return writeReturn(out)
}

func hDeleteTags(s *Server, r *request, out *bytes.Buffer) *apiError {
	ids := list(r.form, "ResourceId")
	del := tagsParam(r.form, "Tag")
	for _, id := range ids {
		if e := r.st.exists(id); e != nil {
			return e
		}
		var kept []tag
		for _, t := range r.st.tags[id] {
			drop := len(del) == 0
			for _, d := range del {
				_, hasValue := r.form[fmt.Sprintf("Tag.%d.Value", indexOfTag(del, d)+1)]
				if d.Key == t.Key && (!hasValue || d.Value == t.Value) {
					drop = true
				}
			}
			if !drop {
				kept = append(kept, t)
			}
		}
		r.st.tags[id] = kept
	}
	return writeReturn(out)
}

func indexOfTag(ts []tag, t tag) int {
	for i := range ts {
		if ts[i] == t {
			return i
		}
	}
	return -1
}

func hDescribeTags(s *Server, r *request, out *bytes.Buffer) *apiError {
	type xTag struct {
		ResourceID   string `xml:"resourceId"`
		ResourceType string `xml:"resourceType"`
		Key          string `xml:"key"`
		Value        string `xml:"value"`
	}
	fs := filters(r.form)
	var res []xTag
	for _, id := range sortedKeys(r.st.tags) {
		for _, t := range r.st.tags[id] {
			ok, e := matchFilters(fs, nil, func(n string) ([]string, bool) {
				switch n {
				case "resource-id":
					return []string{id}, true
				case "resource-type":
					return []string{resourceType(id)}, true
				case "key":
					return []string{t.Key}, true
				case "value":
					return []string{t.Value}, true
				}
				return nil, false
			})
			if e != nil {
				return e
			}
			if ok {
				res = append(res, xTag{id, resourceType(id), t.Key, t.Value})
			}
		}
	}
	from, to, next, e := page(r.form, len(res), 5)
	if e != nil {
		return e
	}
	return encodeBody(out, struct {
		Tags []xTag `xml:"tagSet>item"`
		Next string `xml:"nextToken,omitempty"`
	}{res[from:to], next})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
